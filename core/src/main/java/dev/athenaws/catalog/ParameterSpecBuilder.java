package dev.athenaws.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link ParameterSpec}: the parameter is optional until {@link #required()} is called.
 * Setters reject null at once; {@link #build()} runs the record's full validation.
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

  /** Makes the parameter required (it then has no default). */
  public ParameterSpecBuilder required() {
    this.required = true;
    return this;
  }

  /** @param value the default of an optional parameter: String, BigDecimal or Boolean */
  public ParameterSpecBuilder defaultValue(Object value) {
    this.defaultValue = Objects.requireNonNull(value, "defaultValue");
    return this;
  }

  /** @param text documentation for catalog readers */
  public ParameterSpecBuilder description(String text) {
    this.description = Objects.requireNonNull(text, "description");
    return this;
  }

  /** @param regex a regex the whole string value must match */
  public ParameterSpecBuilder pattern(String regex) {
    this.pattern = Objects.requireNonNull(regex, "pattern");
    return this;
  }

  /** @param value inclusive lower bound of a number */
  public ParameterSpecBuilder min(BigDecimal value) {
    this.min = Objects.requireNonNull(value, "min");
    return this;
  }

  /** @param value inclusive upper bound of a number */
  public ParameterSpecBuilder max(BigDecimal value) {
    this.max = Objects.requireNonNull(value, "max");
    return this;
  }

  /** @param values the only accepted string values */
  public ParameterSpecBuilder allowedValues(List<String> values) {
    this.allowedValues = List.copyOf(Objects.requireNonNull(values, "allowedValues"));
    return this;
  }

  /** @param chars the longest accepted string, 1..1022 UTF-16 code units */
  public ParameterSpecBuilder maxLength(int chars) {
    this.maxLength = chars;
    return this;
  }

  /**
   * @return the spec
   * @throws IllegalArgumentException if the declaration breaks a rule of {@link ParameterSpec}
   */
  public ParameterSpec build() {
    return new ParameterSpec(
        name, type, required, defaultValue, description, pattern, min, max, allowedValues, maxLength);
  }
}
