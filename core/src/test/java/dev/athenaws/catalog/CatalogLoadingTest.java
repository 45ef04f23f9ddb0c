package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.CatalogException;
import dev.athenaws.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogLoadingTest {
  private static final String ALL_TYPES = "dev/athenaws/catalog/all-types.json";

  @Test
  void loadsAValidCatalogFromTheClasspath() {
    QueryCatalog catalog = QueryCatalog.fromClasspath(ALL_TYPES);
    assertThat(catalog.queries())
        .extracting(NamedQuery::name)
        .containsExactly("no-params", "all_types", "colour");
    assertThat(catalog.defaultQuery()).map(NamedQuery::name).hasValue("no-params");
    NamedQuery all = catalog.find("all_types").orElseThrow();
    assertThat(all.description()).isEmpty();
    assertThat(all.parameters())
        .extracting(ParameterSpec::type)
        .containsExactly(
            ParameterType.STRING,
            ParameterType.INTEGER,
            ParameterType.DECIMAL,
            ParameterType.BOOLEAN,
            ParameterType.DATE,
            ParameterType.TIMESTAMP);
    ParameterSpec s = all.parameters().get(0);
    assertThat(s.required()).isTrue();
    assertThat(s.pattern()).isEqualTo("[a-z' ]*");
    assertThat(s.maxLength()).isEqualTo(20);
    ParameterSpec i = all.parameters().get(1);
    assertThat(i.required()).isFalse();
    assertThat(i.defaultValue()).isEqualTo(new BigDecimal("5"));
    assertThat(i.min()).isEqualByComparingTo("-10");
    assertThat(i.max()).isEqualByComparingTo("10");
    // trailing zero of the default kept: renders as written
    assertThat(all.parameters().get(2).defaultValue()).isEqualTo(new BigDecimal("12.50"));
    assertThat(all.columnTypes())
        .containsExactly(
            Map.entry("tags", "map(varchar, array(integer))"),
            Map.entry("who", "row(a integer, b varchar)"));
    assertThat(catalog.find("colour").orElseThrow().parameters().get(0).allowedValues())
        .containsExactly("red", "green", "it's");
    assertThat(catalog.find("nope")).isEmpty();
    assertThat(catalog.find(null)).isEmpty();
  }

  @Test
  void loadsFromPathStreamAndStringAlike(@TempDir Path dir) throws IOException {
    String json;
    try (var in = getClass().getClassLoader().getResourceAsStream(ALL_TYPES)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = Files.writeString(dir.resolve("c.json"), json);
    List<NamedQuery> expected = QueryCatalog.fromClasspath("/" + ALL_TYPES).queries();
    assertThat(QueryCatalog.fromPath(file).queries()).isEqualTo(expected);
    assertThat(QueryCatalog.fromJsonString(json).queries()).isEqualTo(expected);
    assertThat(
            QueryCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .queries())
        .isEqualTo(expected);
  }

  @Test
  void missingSourcesFailWithCatalogException(@TempDir Path dir) {
    assertLoadError(() -> QueryCatalog.fromPath(dir.resolve("missing.json")), "cannot read");
    assertLoadError(() -> QueryCatalog.fromClasspath("no/such.json"), "not found on the classpath");
  }

  @Test
  void catalogWithoutDefaultQuery() {
    QueryCatalog catalog =
        QueryCatalog.fromJsonString("{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT 1\"}]}");
    assertThat(catalog.defaultQuery()).isEmpty();
  }

  private static final String Q = "{\"queries\":[%s]}";
  private static final String P =
      "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ?\",\"parameters\":[%s]}]}";

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // document-level
        "`` | query catalog must be a JSON object",
        "`{` | not valid JSON at line 1",
        "`[]` | must be a JSON object",
        "`{\"queries\":[]}` | field 'queries' must be a non-empty array",
        "`{\"queries\":{}}` | field 'queries' must be a non-empty array",
        "`{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT 1\"}],\"extra\":1}` | catalog: unknown field 'extra'",
        "`{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT 1\"}]} {}` | not valid JSON",
        "`{\"queries\":[{\"name\":\"a\",\"name\":\"b\",\"sql\":\"SELECT 1\"}]}` | Duplicate field 'name'",
        "`{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT 1\"}],\"defaultQuery\":\"b\"}` | defaultQuery 'b' is not a query of this catalog",
        "`{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT 1\"}],\"defaultQuery\":1}` | catalog: field 'defaultQuery' must be a string",
        "`{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT 1\"},{\"name\":\"a\",\"sql\":\"SELECT 2\"}]}` | duplicate query name 'a'",
      })
  void documentErrors(String json, String message) {
    assertLoadError(() -> QueryCatalog.fromJsonString(json), message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`1` | queries[0]: must be a JSON object",
        "`{\"sql\":\"SELECT 1\"}` | queries[0]: field 'name' is required",
        "`{\"name\":\"a\"}` | query 'a': field 'sql' is required",
        "`{\"name\":\"a\",\"sql\":\"  \"}` | query 'a': field 'sql' must not be blank",
        "`{\"name\":\"a\",\"sql\":1}` | query 'a': field 'sql' must be a string",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"params\":[]}` | query 'a': unknown field 'params'",
        "`{\"name\":\"1a\",\"sql\":\"SELECT 1\"}` | query name '1a' must match",
        "`{\"name\":\"a b\",\"sql\":\"SELECT 1\"}` | query name 'a b' must match",
        "`{\"name\":\"a\",\"sql\":\"SELECT ?\"}` | query 'a': sql has 1 ? marker(s) but 0 parameter(s) are declared",
        "`{\"name\":\"a\",\"sql\":\"SELECT 'x\"}` | query 'a': sql has an unterminated string literal",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"parameters\":{}}` | query 'a': field 'parameters' must be an array",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"columnTypes\":[]}` | query 'a': field 'columnTypes' must be an object",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"columnTypes\":{\"c\":1}}` | query 'a': field 'columnTypes' column 'c' must be a string",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"columnTypes\":{\"c\":\" \"}}` | query 'a': field 'columnTypes' column 'c' has a blank type",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"columnTypes\":{\"\":\"integer\"}}` | query 'a': field 'columnTypes' has a blank column label",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"groups\":[]}` | query 'a': field 'groups' must be a non-empty array of distinct non-blank strings",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"groups\":\"admins\"}` | field 'groups' must be a non-empty array",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"groups\":[\"g\",\"g\"]}` | field 'groups' must be a non-empty array of distinct",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"groups\":[\" \"]}` | field 'groups' must be a non-empty array of distinct",
        "`{\"name\":\"a\",\"sql\":\"SELECT 1\",\"groups\":[1]}` | field 'groups' must be a non-empty array of distinct",
      })
  void queryErrors(String query, String message) {
    assertLoadError(() -> QueryCatalog.fromJsonString(String.format(Q, query)), message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`1` | query 'q': parameters[0]: must be a JSON object",
        "`{\"type\":\"string\",\"required\":true}` | query 'q': parameters[0]: field 'name' is required",
        "`{\"name\":\"p\",\"required\":true}` | query 'q': parameter 'p': field 'type' is required",
        "`{\"name\":\"p\",\"type\":\"varchar\",\"required\":true}` | query 'q': parameter 'p': field 'type' must be one of string, integer",
        "`{\"name\":\"p\",\"type\":\"STRING\",\"required\":true}` | field 'type' must be one of",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"regex\":\"x\"}` | query 'q': parameter 'p': unknown field 'regex'",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":\"yes\"}` | query 'q': parameter 'p': field 'required' must be true or false",
        "`{\"name\":\"p\",\"type\":\"string\"}` | query 'q': parameter 'p' field 'default': an optional parameter needs a default",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"default\":\"x\"}` | parameter 'p' field 'default': a required parameter must not have a default",
        "`{\"name\":\"p\",\"type\":\"string\",\"default\":null}` | parameter 'p': field 'default' must be a string, number or boolean",
        "`{\"name\":\"p\",\"type\":\"string\",\"default\":[1]}` | field 'default' must be a string, number or boolean",
        "`{\"name\":\"p\",\"type\":\"string\",\"default\":1}` | parameter 'p' field 'default': must be a JSON string",
        "`{\"name\":\"p\",\"type\":\"integer\",\"default\":1.5}` | parameter 'p' field 'default': must be a whole number",
        "`{\"name\":\"p\",\"type\":\"integer\",\"default\":50,\"max\":10}` | parameter 'p' field 'default': must be <= 10",
        "`{\"name\":\"p\",\"type\":\"date\",\"default\":\"2021-02-30\"}` | parameter 'p' field 'default': is not a real calendar date",
        "`{\"name\":\"p\",\"type\":\"string\",\"default\":\"ABC\",\"pattern\":\"[a-z]+\"}` | parameter 'p' field 'default': must match the pattern",
        "`{\"name\":\"p\",\"type\":\"string\",\"default\":\"x\",\"enum\":[\"a\"]}` | parameter 'p' field 'default': must be one of the allowed values",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"pattern\":\"[a-\"}` | parameter 'p' field 'pattern': does not compile",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"pattern\":1}` | parameter 'p': field 'pattern' must be a string",
        "`{\"name\":\"p\",\"type\":\"integer\",\"required\":true,\"min\":5,\"max\":1}` | parameter 'p' field 'min': must be <= max",
        "`{\"name\":\"p\",\"type\":\"integer\",\"required\":true,\"min\":\"1\"}` | parameter 'p': field 'min' must be a number",
        "`{\"name\":\"p\",\"type\":\"integer\",\"required\":true,\"min\":0.5}` | parameter 'p' field 'min': must be a whole number",
        "`{\"name\":\"p\",\"type\":\"integer\",\"required\":true,\"max\":1e30}` | parameter 'p' field 'max': must be between",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"min\":1}` | parameter 'p' field 'min': does not apply to this parameter type",
        "`{\"name\":\"p\",\"type\":\"date\",\"required\":true,\"max\":1}` | parameter 'p' field 'max': does not apply",
        "`{\"name\":\"p\",\"type\":\"integer\",\"required\":true,\"pattern\":\"[0-9]+\"}` | parameter 'p' field 'pattern': does not apply",
        "`{\"name\":\"p\",\"type\":\"integer\",\"required\":true,\"enum\":[\"1\"]}` | parameter 'p' field 'enum': does not apply",
        "`{\"name\":\"p\",\"type\":\"boolean\",\"required\":true,\"maxLength\":3}` | parameter 'p' field 'maxLength': does not apply",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"maxLength\":0}` | parameter 'p' field 'maxLength': must be 1..1022",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"maxLength\":1023}` | parameter 'p' field 'maxLength': must be 1..1022",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"maxLength\":2.5}` | parameter 'p': field 'maxLength' must be an integer",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"enum\":[]}` | parameter 'p': field 'enum' must be a non-empty array of strings",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"enum\":[1]}` | field 'enum' must be a non-empty array of strings",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"enum\":[\"a\",\"a\"]}` | parameter 'p' field 'enum': must not contain duplicates",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"enum\":[\"abcd\"],\"maxLength\":3}` | parameter 'p' field 'enum': value 'abcd' must be at most 3 characters",
        "`{\"name\":\"p\",\"type\":\"string\",\"required\":true,\"enum\":[\"a\\u0000\"]}` | field 'enum': value 'a?' must not contain control characters",
        "`{\"name\":\"p-\",\"type\":\"string\",\"required\":true},{\"name\":\"p-\",\"type\":\"string\",\"required\":true}` | query 'q': duplicate parameter name 'p-'",
        "`{\"name\":\"_p\",\"type\":\"string\",\"required\":true}` | query 'q': parameter name '_p' must match",
        "`{\"name\":\"p\",\"type\":\"string\",\"fromClaim\":1}` | parameter 'p': field 'fromClaim' must be a string",
        "`{\"name\":\"p\",\"type\":\"string\",\"fromClaim\":\"\"}` | parameter 'p' field 'fromClaim': must be 1..256",
        "`{\"name\":\"p\",\"type\":\"string\",\"fromClaim\":\"a b\"}` | parameter 'p' field 'fromClaim': must be 1..256",
        "`{\"name\":\"p\",\"type\":\"integer\",\"fromClaim\":\"n\"}` | field 'fromClaim': applies to string parameters only",
        "`{\"name\":\"p\",\"type\":\"string\",\"fromClaim\":\"n\",\"required\":false,\"default\":\"x\"}` | field 'fromClaim': a claim-bound parameter is always required",
        "`{\"name\":\"p\",\"type\":\"string\",\"fromClaim\":\"n\",\"default\":\"x\"}` | field 'default': a required parameter must not have a default",
        "`{\"name\":\"p\",\"type\":\"string\",\"fromclaim\":\"n\"}` | unknown field 'fromclaim'",
      })
  void parameterErrors(String parameter, String message) {
    assertLoadError(() -> QueryCatalog.fromJsonString(String.format(P, parameter)), message);
  }

  @Test
  void exponentBeyondIntRangeIsACatalogError() {
    // found by CatalogFuzzTest: Jackson throws a bare NumberFormatException here
    String json =
        "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ?\",\"parameters\":"
            + "[{\"name\":\"p\",\"type\":\"decimal\",\"default\":1e-100000000000}]}]}";
    assertLoadError(() -> QueryCatalog.fromJsonString(json), "number Java cannot represent");
    assertLoadError(
        () ->
            QueryCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))),
        "number Java cannot represent");
  }

  @Test
  void markerCountIgnoresQuotedAndCommentedMarkers() {
    assertLoadError(
        () ->
            QueryCatalog.fromJsonString(
                "{\"queries\":[{\"name\":\"a\",\"sql\":\"SELECT '?', \\\"?\\\" -- ?\\n /* ? */\","
                    + "\"parameters\":[{\"name\":\"p\",\"type\":\"string\",\"required\":true}]}]}"),
        "query 'a': sql has 0 ? marker(s) but 1 parameter(s) are declared");
  }

  @Test
  void sqlLongerThanAthenaAllowsIsRefused() {
    String sql = "SELECT 1 -- " + "x".repeat(NamedQuery.MAX_SQL_BYTES);
    assertLoadError(
        () ->
            QueryCatalog.fromJsonString(
                String.format(Q, "{\"name\":\"a\",\"sql\":\"" + sql + "\"}")),
        "query 'a': field 'sql' is longer than 262144 UTF-8 bytes");
    // programmatic construction reports the same rule as IllegalArgumentException
    assertThatThrownBy(() -> NamedQuery.named("a").sql(sql).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 262144");
  }

  static void assertLoadError(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable load, String part) {
    assertThatThrownBy(load)
        .isInstanceOfSatisfying(
            CatalogException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining(part);
  }
}
