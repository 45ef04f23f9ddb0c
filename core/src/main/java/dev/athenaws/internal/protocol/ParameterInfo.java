package dev.athenaws.internal.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a client learns about one parameter of a named query in a {@code catalog} message. A neutral
 * view: the catalog package maps its own parameter specs to this record.
 *
 * <p>{@code defaultValue}, {@code min}, {@code max} and the {@code allowedValues} elements are Java
 * values of the value contract and are written in the JSON encoding (so a decimal bound is a
 * string, a date bound an ISO date). Nullable components are omitted from the JSON when null.
 *
 * <p>Thread-safety: an immutable record (the list is copied; its elements should be immutable).
 *
 * <p>Exceptions: the constructor and {@link #of} throw {@link NullPointerException} for a null name
 * or type.
 *
 * @param name the parameter name, not null
 * @param type the parameter type name as the catalog spells it (e.g. {@code varchar}, {@code date})
 * @param required whether the client must give a value
 * @param defaultValue the value used when the client gives none, nullable (JSON field {@code
 *     default})
 * @param description human-readable description, nullable
 * @param pattern regular expression a string value must match, nullable
 * @param min smallest allowed value, nullable
 * @param max largest allowed value, nullable
 * @param allowedValues the only allowed values, nullable (JSON field {@code enum}); nulls allowed
 * @param maxLength longest allowed string, nullable
 */
public record ParameterInfo(
    String name,
    String type,
    boolean required,
    Object defaultValue,
    String description,
    String pattern,
    Object min,
    Object max,
    List<Object> allowedValues,
    Integer maxLength) {

  /**
   * Validates the components and copies the list.
   *
   * @param name the parameter name, not null
   * @param type the type name, not null
   * @param required whether the client must give a value
   * @param defaultValue the default, nullable
   * @param description the description, nullable
   * @param pattern the pattern, nullable
   * @param min the lower bound, nullable
   * @param max the upper bound, nullable
   * @param allowedValues the allowed values, nullable
   * @param maxLength the longest string, nullable
   * @throws NullPointerException if name or type is null
   */
  public ParameterInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (allowedValues != null) {
      allowedValues = Collections.unmodifiableList(new ArrayList<>(allowedValues));
    }
  }

  /**
   * A parameter without rules, default or description.
   *
   * @param name the parameter name, not null
   * @param type the type name, not null
   * @param required whether the client must give a value
   * @return a parameter with only a name, a type and whether it is required
   * @throws NullPointerException if name or type is null
   */
  public static ParameterInfo of(String name, String type, boolean required) {
    return new ParameterInfo(name, type, required, null, null, null, null, null, null, null);
  }
}
