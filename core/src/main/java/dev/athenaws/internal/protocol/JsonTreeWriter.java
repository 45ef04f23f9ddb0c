package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a {@code json} column's value (a Jackson tree) with the big-number rule of the scalar
 * types (docs/types.md, "Big numbers in JavaScript"), at every depth: an integer is a JSON number
 * when |v| ≤ 2^53−1 and otherwise a string of its digits; a number with a fraction or an exponent
 * is a JSON number when the nearest double prints back as the same value ({@code 0.25}, {@code
 * 0.1}, {@code 1.5E10}: {@code JSON.parse} loses no digit), otherwise a string of its exact digits
 * ({@code "12345678901234567890.123456789"}). The tree must have been read with big decimals for
 * floats (as {@code ValueConverters} does), else the digits are gone before they get here.
 *
 * <p>Thread-safety: stateless.
 */
final class JsonTreeWriter {
  private static final BigInteger MAX_SAFE = BigInteger.valueOf(ValueJsonWriter.MAX_SAFE_INTEGER);

  /** Past this many places a plain rendering would be long; the exponent form is exact too. */
  private static final int MAX_PLAIN_SCALE = 64;

  private JsonTreeWriter() {}

  static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (node.isIntegralNumber()) {
      BigInteger b = node.bigIntegerValue();
      if (b.abs().compareTo(MAX_SAFE) <= 0) {
        g.writeNumber(b.longValue());
      } else {
        g.writeString(b.toString());
      }
    } else if (node.isNumber()) {
      writeFraction(g, node);
    } else {
      g.writeTree(node);
    }
  }

  private static void writeFraction(JsonGenerator g, JsonNode node) throws IOException {
    if (!node.isBigDecimal()) {
      g.writeTree(node); // a double or float node: already no more than a double
      return;
    }
    BigDecimal exact = node.decimalValue();
    double d = exact.doubleValue();
    if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
      g.writeNumber(d);
    } else {
      g.writeString(
          Math.abs(exact.scale()) <= MAX_PLAIN_SCALE ? exact.toPlainString() : exact.toString());
    }
  }
}
