package dev.athenaws.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link ParameterSpec}: the parameter is optional until {@link #required()} is called.
 * Setters reject null ({@link NullPointerException}) and out-of-range numbers
 * ({@link IllegalArgumentException}) at once, naming the field; {@link #build()} runs the record's
 * full validation (rules that involve several fields or the type).
 *
 * <p>Thread-safety: not thread-safe; use one builder per thread. Built specs are immutable.
 */
public final class ParameterSpecBuilder {
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

  ParameterSpecBuilder(String name, ParameterType type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * Makes the parameter required (it then has no default).
   *
   * @return this builder
   */
  public ParameterSpecBuilder required() {
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
  public ParameterSpecBuilder defaultValue(Object value) {
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
  public ParameterSpecBuilder description(String text) {
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
  public ParameterSpecBuilder pattern(String regex) {
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
  public ParameterSpecBuilder min(BigDecimal value) {
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
  public ParameterSpecBuilder max(BigDecimal value) {
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
  public ParameterSpecBuilder allowedValues(List<String> values) {
    this.allowedValues = List.copyOf(Objects.requireNonNull(values, "allowedValues"));
    return this;
  }

  /**
   * Sets the longest accepted value of a STRING parameter.
   *
   * @param chars the longest accepted string, 1..1022 UTF-16 code units (the 1024-character literal
   *     limit minus the quotes)
   * @return this builder
   * @throws IllegalArgumentException if chars is out of range
   */
  public ParameterSpecBuilder maxLength(int chars) {
    if (chars < 1 || chars > ValueRules.MAX_STRING_CHARS) {
      throw new IllegalArgumentException(
          "maxLength must be 1.." + ValueRules.MAX_STRING_CHARS + ": " + chars);
    }
    this.maxLength = chars;
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
        name, type, required, defaultValue, description, pattern, min, max, allowedValues, maxLength);
  }
}
