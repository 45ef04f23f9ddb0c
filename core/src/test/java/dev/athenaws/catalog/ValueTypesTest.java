package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Programmatic construction of the value types: same rules as the JSON loader, as IAE/NPE. */
class ValueTypesTest {

  @Test
  void builderBuildsAFullSpec() {
    ParameterSpec spec =
        ParameterSpec.builder("region", ParameterType.STRING)
            .defaultValue("eu-west-1")
            .description("d")
            .pattern("[a-z0-9-]+")
            .allowedValues(List.of("eu-west-1", "us-east-1"))
            .maxLength(16)
            .build();
    assertThat(spec.required()).isFalse();
    assertThat(spec.allowedValues()).containsExactly("eu-west-1", "us-east-1");
    assertThat(spec)
        .isEqualTo(
            new ParameterSpec(
                "region",
                ParameterType.STRING,
                false,
                "eu-west-1",
                "d",
                "[a-z0-9-]+",
                null,
                null,
                List.of("eu-west-1", "us-east-1"),
                16,
                null));
    assertThat(ParameterSpec.required("a", ParameterType.DATE).description()).isEmpty();
    assertThat(ParameterSpec.optional("a", ParameterType.BOOLEAN, true).defaultValue())
        .isEqualTo(true);
  }

  @Test
  void builderRejectsAnOutOfRangeMaxLengthAtOnce() {
    ParameterSpec.Builder builder = ParameterSpec.builder("a", ParameterType.STRING).required();
    assertThatThrownBy(() -> builder.maxLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength must be 1..1022: 0");
    assertThatThrownBy(() -> builder.maxLength(1023))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength must be 1..1022: 1023");
    assertThat(builder.maxLength(1022).build().maxLength()).isEqualTo(1022);
  }

  @Test
  void specRejectsBadDeclarations() {
    assertThatThrownBy(() -> ParameterSpec.required(null, ParameterType.STRING))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ParameterSpec.builder("a", ParameterType.INTEGER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter 'a' field 'default': an optional parameter needs a default (or required: true)");
    assertThatThrownBy(
            () ->
                ParameterSpec.builder("a", ParameterType.DECIMAL)
                    .required()
                    .min(BigDecimal.TEN)
                    .max(BigDecimal.ONE)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter 'a' field 'min': must be <= max");
    assertThatThrownBy(() -> ParameterSpec.optional("a", ParameterType.INTEGER, 1.5d))
        .hasMessage("parameter 'a' field 'default': must be an integer");
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(
            () ->
                new ParameterSpec(
                    "a",
                    ParameterType.STRING,
                    true,
                    null,
                    null,
                    null,
                    null,
                    null,
                    withNull,
                    null,
                    null))
        .hasMessage("parameter 'a' field 'enum': must not contain null");
  }

  @Test
  void namedQueryCopiesAndChecks() {
    List<ParameterSpec> params =
        new ArrayList<>(List.of(ParameterSpec.required("p", ParameterType.STRING)));
    NamedQuery q = NamedQuery.named("q").sql("SELECT ?").parameters(params).build();
    params.clear();
    assertThat(q.parameters()).hasSize(1);
    assertThat(q.description()).isEmpty();
    assertThat(q.columnTypes()).isEmpty();
    assertThat(q.withColumnTypes(Map.of("c", "array(integer)")).columnTypes())
        .containsEntry("c", "array(integer)");
    assertThatThrownBy(() -> NamedQuery.named("q").sql("SELECT ?").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query 'q': sql has 1 ? marker(s) but 0 parameter(s) are declared");
    String name64 = "a".repeat(64);
    assertThat(NamedQuery.named(name64).sql("SELECT 1").build().name()).isEqualTo(name64);
    assertThatThrownBy(() -> NamedQuery.named(name64 + "a").sql("SELECT 1").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void catalogOfRejectsDuplicatesAndUnknownDefault() {
    NamedQuery a = NamedQuery.named("a").sql("SELECT 1").build();
    CatalogLoadingTest.assertLoadError(
        () -> QueryCatalog.of(List.of(a, a), null), "duplicate query name 'a'");
    CatalogLoadingTest.assertLoadError(
        () -> QueryCatalog.of(List.of(a), "b"), "defaultQuery 'b' is not a query of this catalog");
    assertThat(QueryCatalog.of(List.of(a), "a").defaultQuery()).hasValue(a);
    assertThat(ParameterType.TIMESTAMP.jsonName()).isEqualTo("timestamp");
  }
}
