package dev.athenaws.catalog;

import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.internal.text.Excerpt;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One typed parameter of a {@link NamedQuery}, bound to the {@code ?} marker at its position. The
 * constructor checks the whole declaration, including that the default and every allowed value pass
 * the parameter's own rules; messages name the parameter and the catalog-file field ({@code
 * default}, {@code pattern}, {@code min}, {@code max}, {@code enum}, {@code maxLength}).
 *
 * <p>Rules: {@code pattern}, {@code allowedValues} and {@code maxLength} apply to STRING only;
 * {@code min}/{@code max} to INTEGER and DECIMAL only. A required parameter has no default; an
 * optional one must have a default (so a bound query never contains SQL NULL by omission).
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor and the factories throw {@link IllegalArgumentException} naming
 * the parameter and the catalog field when a rule is broken and {@link NullPointerException} for a
 * null name or type; accessors never throw.
 *
 * @param name {@code [A-Za-z][A-Za-z0-9_-]{0,63}}
 * @param type the value type
 * @param required whether the client must send a value
 * @param defaultValue the value used when an optional parameter is absent (String, BigDecimal or
 *     Boolean, as decoded from JSON); null exactly when {@code required}
 * @param description free text for documentation, never null ("" when absent)
 * @param pattern a {@link Pattern} regex the whole string value must match, or null
 * @param min inclusive lower bound, or null
 * @param max inclusive upper bound, or null
 * @param allowedValues the only accepted values (empty = any), no duplicates
 * @param maxLength the longest accepted string in UTF-16 code units, 1..1022, or null (then the
 *     1024-character literal limit alone applies)
 * @param fromClaim the claim of the caller's identity this parameter is bound to, or null (the
 *     client sends the value). A claim-bound parameter is a required STRING: its value is the
 *     claim's, never the client's, and still passes the rules above; the client must not send it.
 */
public record ParameterSpec(
    String name,
    ParameterType type,
    boolean required,
    Object defaultValue,
    String description,
    String pattern,
    BigDecimal min,
    BigDecimal max,
    List<String> allowedValues,
    Integer maxLength,
    String fromClaim) {

  /** The syntax of query and parameter names. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  /**
   * Validates the whole declaration and copies the list.
   *
   * @param name {@code [A-Za-z][A-Za-z0-9_-]{0,63}}, not null
   * @param type the value type, not null
   * @param required whether the client must send a value
   * @param defaultValue the default of an optional parameter, null for a required one
   * @param description free text; null is taken as ""
   * @param pattern a regex for STRING values, or null
   * @param min inclusive lower bound for INTEGER and DECIMAL, or null
   * @param max inclusive upper bound for INTEGER and DECIMAL, or null
   * @param allowedValues the only accepted STRING values; null is taken as any
   * @param maxLength the longest STRING value, 1..1022, or null
   * @param fromClaim the identity claim a required STRING parameter is bound to, or null
   * @throws IllegalArgumentException if the declaration breaks a rule; the message names the
   *     parameter and the field
   * @throws NullPointerException if {@code name} or {@code type} is null
   */
  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "parameter name '" + Excerpt.of(name) + "' must match " + NAME.pattern());
    }
    SpecChecks.checkClaim(name, type, required, fromClaim);
    description = description == null ? "" : description;
    allowedValues = allowedValues == null ? List.of() : SpecChecks.copyAllowed(name, allowedValues);
    SpecChecks.checkApplies(name, "pattern", pattern != null, type == ParameterType.STRING);
    SpecChecks.checkApplies(name, "enum", !allowedValues.isEmpty(), type == ParameterType.STRING);
    SpecChecks.checkApplies(name, "maxLength", maxLength != null, type == ParameterType.STRING);
    SpecChecks.checkApplies(name, "min", min != null, type.numeric());
    SpecChecks.checkApplies(name, "max", max != null, type.numeric());
    if (maxLength != null && (maxLength < 1 || maxLength > ValueRules.MAX_STRING_CHARS)) {
      throw SpecChecks.fieldError(name, "maxLength", "must be 1.." + ValueRules.MAX_STRING_CHARS);
    }
    Pattern compiled = SpecChecks.compile(name, pattern);
    ValueRules unbounded = new ValueRules(name, type, null, null, null, List.of(), null);
    SpecChecks.checkValue(unbounded, name, "min", min);
    SpecChecks.checkValue(unbounded, name, "max", max);
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw SpecChecks.fieldError(name, "min", "must be <= max");
    }
    ValueRules rules = new ValueRules(name, type, compiled, min, max, allowedValues, maxLength);
    for (String allowed : allowedValues) {
      try {
        rules.checkAllowedValue(allowed);
      } catch (InvalidParameterException e) {
        throw SpecChecks.fieldError(
            name, "enum", "value '" + Excerpt.of(allowed) + "' " + e.reason());
      }
    }
    if (required && defaultValue != null) {
      throw SpecChecks.fieldError(name, "default", "a required parameter must not have a default");
    }
    if (!required && defaultValue == null) {
      throw SpecChecks.fieldError(
          name, "default", "an optional parameter needs a default (or required: true)");
    }
    SpecChecks.checkValue(rules, name, "default", defaultValue);
  }

  /**
   * Starts a declaration.
   *
   * @param name the parameter name, not null (checked by {@link Builder#build()})
   * @param type the value type, not null
   * @return a builder for the parameter {@code name} of type {@code type}, optional by default
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String name, ParameterType type) {
    return new Builder(name, type);
  }

  /**
   * A required parameter without further rules.
   *
   * @param name the parameter name
   * @param type the value type
   * @return the spec
   * @throws IllegalArgumentException if the name is malformed
   * @throws NullPointerException if an argument is null
   */
  public static ParameterSpec required(String name, ParameterType type) {
    return builder(name, type).required().build();
  }

  /**
   * An optional parameter without further rules.
   *
   * @param name the parameter name
   * @param type the value type
   * @param defaultValue the value used when the client sends none: a String, BigDecimal or Boolean
   *     that the type accepts
   * @return an optional parameter that falls back to {@code defaultValue}
   * @throws IllegalArgumentException if the name is malformed or the default does not fit the type
   * @throws NullPointerException if an argument is null
   */
  public static ParameterSpec optional(String name, ParameterType type, Object defaultValue) {
    return builder(name, type).defaultValue(defaultValue).build();
  }

  /**
   * Builds a {@link ParameterSpec}: the parameter is optional until {@link #required()} is called.
   * Setters reject null ({@link NullPointerException}) and out-of-range numbers ({@link
   * IllegalArgumentException}) at once, naming the field; {@link #build()} runs the record's full
   * validation (rules that involve several fields or the type).
   *
   * <p>Thread-safety: not thread-safe; use one builder per thread. Built specs are immutable.
   */
  public static final class Builder {
    private final String name;
    private final ParameterType type;
    private boolean required;
    private Object defaultValue;
    private String description = "";
    private String pattern;
    private BigDecimal min;
    private BigDecimal max;
    private List<String> allowedValues = List.of();
    private Integer maxLength;
    private String fromClaim;

    Builder(String name, ParameterType type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Makes the parameter required (it then has no default).
     *
     * @return this builder
     */
    public Builder required() {
      this.required = true;
      return this;
    }

    /**
     * Sets the default of an optional parameter.
     *
     * @param value a String, BigDecimal or Boolean the type accepts (checked by {@link #build()})
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder defaultValue(Object value) {
      this.defaultValue = Objects.requireNonNull(value, "defaultValue");
      return this;
    }

    /**
     * Sets the description.
     *
     * @param text documentation for catalog readers
     * @return this builder
     * @throws NullPointerException if text is null
     */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /**
     * Sets the pattern of a STRING parameter.
     *
     * @param regex a regex the whole string value must match (compiled by {@link #build()})
     * @return this builder
     * @throws NullPointerException if regex is null
     */
    public Builder pattern(String regex) {
      this.pattern = Objects.requireNonNull(regex, "pattern");
      return this;
    }

    /**
     * Sets the lower bound of an INTEGER or DECIMAL parameter.
     *
     * @param value inclusive lower bound
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder min(BigDecimal value) {
      this.min = Objects.requireNonNull(value, "min");
      return this;
    }

    /**
     * Sets the upper bound of an INTEGER or DECIMAL parameter.
     *
     * @param value inclusive upper bound
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder max(BigDecimal value) {
      this.max = Objects.requireNonNull(value, "max");
      return this;
    }

    /**
     * Sets the only accepted values of a STRING parameter.
     *
     * @param values the values, no nulls or duplicates (checked by {@link #build()}); copied
     * @return this builder
     * @throws NullPointerException if values or an element is null
     */
    public Builder allowedValues(List<String> values) {
      this.allowedValues = List.copyOf(Objects.requireNonNull(values, "allowedValues"));
      return this;
    }

    /**
     * Sets the longest accepted value of a STRING parameter.
     *
     * @param chars the longest accepted string, 1..1022 UTF-16 code units (the 1024-character
     *     literal limit minus the quotes)
     * @return this builder
     * @throws IllegalArgumentException if chars is out of range
     */
    public Builder maxLength(int chars) {
      if (chars < 1 || chars > ValueRules.MAX_STRING_CHARS) {
        throw new IllegalArgumentException(
            "maxLength must be 1.." + ValueRules.MAX_STRING_CHARS + ": " + chars);
      }
      this.maxLength = chars;
      return this;
    }

    /**
     * Binds the parameter to a claim of the caller's identity (and makes it required): the value is
     * the claim's, never the client's.
     *
     * @param claim the claim name, e.g. {@code account} (checked by {@link #build()})
     * @return this builder
     * @throws NullPointerException if claim is null
     */
    public Builder fromClaim(String claim) {
      this.fromClaim = Objects.requireNonNull(claim, "fromClaim");
      this.required = true;
      return this;
    }

    /**
     * Validates the declaration; the builder stays usable.
     *
     * @return the spec
     * @throws IllegalArgumentException if the declaration breaks a rule of {@link ParameterSpec}
     */
    public ParameterSpec build() {
      return new ParameterSpec(
          name,
          type,
          required,
          defaultValue,
          description,
          pattern,
          min,
          max,
          allowedValues,
          maxLength,
          fromClaim);
    }
  }
}
