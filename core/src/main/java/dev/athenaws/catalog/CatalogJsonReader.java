package dev.athenaws.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.athenaws.error.CatalogException;
import dev.athenaws.internal.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the catalog JSON format (docs/catalog.md) into records. Strict: unknown and duplicate
 * fields, wrong JSON types and trailing content are refused, each with a {@link CatalogException}
 * whose message names the query, parameter and field.
 */
final class CatalogJsonReader {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // keep "12.50" as scale 2: a default renders exactly as written
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private static final Set<String> ROOT_FIELDS = Set.of("defaultQuery", "queries");
  private static final Set<String> QUERY_FIELDS =
      Set.of(
          "name",
          "description",
          "sql",
          "parameters",
          "columnTypes",
          "resultReuseMaxAgeMinutes",
          "groups");
  private static final Set<String> PARAMETER_FIELDS =
      Set.of(
          "name",
          "type",
          "required",
          "default",
          "description",
          "pattern",
          "min",
          "max",
          "enum",
          "maxLength",
          "fromClaim");

  private CatalogJsonReader() {}

  static QueryCatalog read(InputStream json) {
    try {
      return read(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw notJson(e);
    } catch (NumberFormatException e) {
      throw badNumber(e);
    } catch (IOException e) {
      throw new CatalogException("cannot read query catalog: " + e, e);
    }
  }

  static QueryCatalog read(String json) {
    try {
      return read(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw notJson(e);
    } catch (NumberFormatException e) {
      throw badNumber(e);
    }
  }

  /**
   * Jackson throws a bare NumberFormatException for an exponent beyond int range (1e-100000000000).
   */
  private static CatalogException badNumber(NumberFormatException e) {
    return new CatalogException(
        "query catalog holds a number Java cannot represent: " + e.getMessage(), e);
  }

  private static CatalogException notJson(JacksonException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new CatalogException(
        "query catalog is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
  }

  private static QueryCatalog read(JsonNode root) {
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new CatalogException("query catalog must be a JSON object");
    }
    checkFields(root, ROOT_FIELDS, "catalog: ");
    String defaultQuery = optionalText(root, "defaultQuery", "catalog: ");
    JsonNode queries = root.get("queries");
    if (queries == null || !queries.isArray() || queries.isEmpty()) {
      throw new CatalogException("catalog: field 'queries' must be a non-empty array");
    }
    List<NamedQuery> list = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      list.add(query(queries.get(i), i));
    }
    return QueryCatalog.of(list, defaultQuery);
  }

  private static NamedQuery query(JsonNode node, int index) {
    String where = "queries[" + index + "]: ";
    if (!node.isObject()) {
      throw new CatalogException(where + "must be a JSON object");
    }
    String name = requiredText(node, "name", where);
    where = "query '" + Excerpt.of(name) + "': ";
    checkFields(node, QUERY_FIELDS, where);
    String description = optionalText(node, "description", where);
    String sql = requiredText(node, "sql", where);
    List<ParameterSpec> parameters = new ArrayList<>();
    JsonNode params = node.get("parameters");
    if (params != null) {
      if (!params.isArray()) {
        throw new CatalogException(where + "field 'parameters' must be an array");
      }
      for (int i = 0; i < params.size(); i++) {
        parameters.add(parameter(params.get(i), where + "parameters[" + i + "]: ", where));
      }
    }
    Map<String, String> columnTypes = columnTypes(node.get("columnTypes"), where);
    Duration reuse = reuseMinutes(node.get("resultReuseMaxAgeMinutes"), where);
    Set<String> groups = groups(node.get("groups"), where);
    try {
      return new NamedQuery(name, description, sql, parameters, columnTypes, reuse, groups);
    } catch (IllegalArgumentException e) {
      // NamedQuery messages already start with the query name
      throw new CatalogException(e.getMessage(), e);
    }
  }

  private static ParameterSpec parameter(JsonNode node, String at, String query) {
    if (!node.isObject()) {
      throw new CatalogException(at + "must be a JSON object");
    }
    String name = requiredText(node, "name", at);
    String where = query + "parameter '" + Excerpt.of(name) + "': ";
    checkFields(node, PARAMETER_FIELDS, where);
    ParameterType type = type(requiredText(node, "type", where), where);
    JsonNode required = node.get("required");
    if (required != null && !required.isBoolean()) {
      throw new CatalogException(where + "field 'required' must be true or false");
    }
    String fromClaim = optionalText(node, "fromClaim", where);
    // a claim-bound parameter is required: "required" may be left out
    boolean isRequired = required == null ? fromClaim != null : required.booleanValue();
    List<String> allowed = null;
    JsonNode values = node.get("enum");
    if (values != null) {
      if (!values.isArray() || values.isEmpty()) {
        throw new CatalogException(where + "field 'enum' must be a non-empty array of strings");
      }
      allowed = new ArrayList<>();
      for (JsonNode v : values) {
        if (!v.isTextual()) {
          throw new CatalogException(where + "field 'enum' must be a non-empty array of strings");
        }
        allowed.add(v.textValue());
      }
    }
    JsonNode maxLength = node.get("maxLength");
    if (maxLength != null && !(maxLength.isIntegralNumber() && maxLength.canConvertToInt())) {
      throw new CatalogException(where + "field 'maxLength' must be an integer");
    }
    try {
      return new ParameterSpec(
          name,
          type,
          isRequired,
          scalar(node.get("default"), where),
          optionalText(node, "description", where),
          optionalText(node, "pattern", where),
          number(node, "min", where),
          number(node, "max", where),
          allowed,
          maxLength == null ? null : maxLength.intValue(),
          fromClaim);
    } catch (IllegalArgumentException e) {
      throw new CatalogException(query + e.getMessage(), e);
    }
  }

  private static ParameterType type(String text, String where) {
    for (ParameterType t : ParameterType.values()) {
      if (t.jsonName().equals(text)) {
        return t;
      }
    }
    throw new CatalogException(
        where + "field 'type' must be one of string, integer, decimal, boolean, date, timestamp");
  }

  /**
   * @return the default as a decoded JSON scalar: String, BigDecimal or Boolean
   */
  private static Object scalar(JsonNode node, String where) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    throw new CatalogException(where + "field 'default' must be a string, number or boolean");
  }

  private static BigDecimal number(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw new CatalogException(where + "field '" + field + "' must be a number");
    }
    return node.decimalValue();
  }

  private static Map<String, String> columnTypes(JsonNode node, String where) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new CatalogException(where + "field 'columnTypes' must be an object of strings");
    }
    Map<String, String> types = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new CatalogException(
            where + "field 'columnTypes' column '" + Excerpt.of(e.getKey()) + "' must be a string");
      }
      types.put(e.getKey(), e.getValue().textValue());
    }
    return types;
  }

  private static Set<String> groups(JsonNode node, String where) {
    if (node == null) {
      return Set.of();
    }
    String rule = where + "field 'groups' must be a non-empty array of distinct non-blank strings";
    if (!node.isArray() || node.isEmpty()) {
      throw new CatalogException(rule);
    }
    Set<String> groups = new LinkedHashSet<>();
    for (JsonNode g : node) {
      if (!g.isTextual() || g.textValue().isBlank() || !groups.add(g.textValue())) {
        throw new CatalogException(rule);
      }
    }
    return groups;
  }

  private static Duration reuseMinutes(JsonNode node, String where) {
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToInt()
        || node.intValue() < 1
        || node.intValue() > NamedQuery.MAX_RESULT_REUSE_MINUTES) {
      throw new CatalogException(
          where
              + "field 'resultReuseMaxAgeMinutes' must be an integer from 1 to "
              + NamedQuery.MAX_RESULT_REUSE_MINUTES);
    }
    return Duration.ofMinutes(node.intValue());
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new CatalogException(where + "unknown field '" + Excerpt.of(field) + "'");
      }
    }
  }

  private static String requiredText(JsonNode node, String field, String where) {
    String text = optionalText(node, field, where);
    if (text == null) {
      throw new CatalogException(where + "field '" + field + "' is required");
    }
    return text;
  }

  private static String optionalText(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new CatalogException(where + "field '" + field + "' must be a string");
    }
    return value.textValue();
  }
}
