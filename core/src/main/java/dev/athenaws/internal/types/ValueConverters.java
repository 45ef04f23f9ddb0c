package dev.athenaws.internal.types;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.athenaws.error.ValueFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link ValueConverter} for an {@link AthenaType}: Athena's text of a value to the Java
 * value of the contract in docs/types.md (Integer, Long, Float, Double, BigDecimal, String,
 * LocalDate, LocalTime, {@link TimeWithZone}, LocalDateTime, ZonedDateTime, Period, Duration,
 * byte[], JsonNode, and unmodifiable List/Map for hinted array/map/row).
 *
 * <p>Build a converter once per column and apply it to every value: the number, date and time
 * parsers are hand-rolled (no regular expressions, no {@code DateTimeFormatter}) and valid input
 * never throws internally. Every converter is strict: a text not in its type's Athena format throws
 * {@link ValueFormatException} with a null column, the type's signature, the (truncated) text and a
 * reason; the empty string is invalid for every type except the string-like ones.
 *
 * <p><b>Nested values are ambiguous.</b> Athena prints strings inside arrays, maps and rows without
 * quotes: {@code ARRAY['a, b']} and {@code ARRAY['a', 'b']} both print {@code [a, b]}, a map key
 * {@code 'k=v'} prints like a key {@code k} with a value starting {@code v}, and a string element
 * {@code 'null'} prints like a NULL element. The converters split at top-level {@code ", "} (and a
 * map entry at its first {@code =}), which is right unless varchar elements contain those
 * sequences. Where that matters, select {@code CAST(x AS JSON)} and give the column the type hint
 * {@code json}.
 *
 * <p>Thread-safety: this class is stateless and every converter it returns is immutable and safe to
 * share between threads.
 *
 * <p>Exceptions: {@link #forType} throws {@link NullPointerException} for a null type; the
 * converters throw {@link ValueFormatException} only.
 */
public final class ValueConverters {
  /**
   * Numbers with a fraction or exponent are read as exact {@code BigDecimal}s (scale kept), so no
   * digit of a {@code json} value is lost on the way to the client (docs/types.md, "Big numbers").
   */
  private static final ObjectReader JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final ValueConverter IDENTITY = text -> text;

  private ValueConverters() {}

  /**
   * @param type the column type (a hint or from {@code ColumnInfo}), not null
   * @return the converter for values of that type, never null
   * @throws NullPointerException when {@code type} is null
   */
  public static ValueConverter forType(AthenaType type) {
    Objects.requireNonNull(type, "type");
    if (type instanceof AthenaType.ArrayType) {
      AthenaType.ArrayType a = (AthenaType.ArrayType) type;
      return ContainerConverters.array(a, forType(a.element()));
    }
    if (type instanceof AthenaType.MapType) {
      AthenaType.MapType m = (AthenaType.MapType) type;
      return ContainerConverters.map(m, forType(m.key()), forType(m.value()));
    }
    if (type instanceof AthenaType.RowType) {
      AthenaType.RowType r = (AthenaType.RowType) type;
      List<ValueConverter> fields = new ArrayList<>(r.fields().size());
      for (AthenaType.Field f : r.fields()) {
        fields.add(forType(f.type()));
      }
      return ContainerConverters.row(r, List.copyOf(fields));
    }
    if (type instanceof AthenaType.Unknown) {
      return IDENTITY;
    }
    return forSimple((AthenaType.Simple) type);
  }

  private static ValueConverter forSimple(AthenaType.Simple type) {
    String sig = type.signature();
    switch (type.kind()) {
      case BOOLEAN:
        return text -> parseBoolean(text, sig);
      case TINYINT:
        return text -> (int) NumberText.parseLong(text, Byte.MIN_VALUE, Byte.MAX_VALUE, sig);
      case SMALLINT:
        return text -> (int) NumberText.parseLong(text, Short.MIN_VALUE, Short.MAX_VALUE, sig);
      case INTEGER:
        return text -> (int) NumberText.parseLong(text, Integer.MIN_VALUE, Integer.MAX_VALUE, sig);
      case BIGINT:
        return text -> NumberText.parseLong(text, Long.MIN_VALUE, Long.MAX_VALUE, sig);
      case REAL:
        return text -> NumberText.parseFloat(text, sig);
      case DOUBLE:
        return text -> NumberText.parseDouble(text, sig);
      case DECIMAL:
        int precision = type.precision();
        int scale = precision > 0 ? type.scale() : -1;
        return text -> NumberText.parseDecimal(text, precision, scale, sig);
      case DATE:
        return text -> TemporalText.date(text, sig);
      case TIME:
        return text -> TemporalText.time(text, sig);
      case TIME_WITH_TIME_ZONE:
        return text -> TemporalText.timeWithZone(text, sig);
      case TIMESTAMP:
        return text -> TemporalText.timestamp(text, sig);
      case TIMESTAMP_WITH_TIME_ZONE:
        return text -> TemporalText.timestampWithZone(text, sig);
      case INTERVAL_YEAR_TO_MONTH:
        return text -> TemporalText.yearToMonth(text, sig);
      case INTERVAL_DAY_TO_SECOND:
        return text -> TemporalText.dayToSecond(text, sig);
      case VARBINARY:
        return text -> parseHex(text, sig);
      case JSON:
        return text -> parseJson(text, sig);
      default:
        // char, varchar, ipaddress, uuid, and array/map/row without a hint: the exact text.
        return IDENTITY;
    }
  }

  private static Boolean parseBoolean(String text, String sig) {
    if (text.equals("true")) {
      return Boolean.TRUE;
    }
    if (text.equals("false")) {
      return Boolean.FALSE;
    }
    throw NumberText.invalid(sig, text, "not true or false");
  }

  /** Space-separated lower- or upper-case hex pairs, {@code 00 01 ff}; "" is zero bytes. */
  private static byte[] parseHex(String text, String sig) {
    int n = text.length();
    if (n == 0) {
      return new byte[0];
    }
    if ((n + 1) % 3 != 0) {
      throw NumberText.invalid(sig, text, "not space-separated hex pairs");
    }
    byte[] out = new byte[(n + 1) / 3];
    for (int i = 0, b = 0; i < n; i += 3, b++) {
      int hi = Character.digit(text.charAt(i), 16);
      int lo = Character.digit(text.charAt(i + 1), 16);
      boolean separated = i + 2 == n || text.charAt(i + 2) == ' ';
      if (hi < 0 || lo < 0 || !separated || text.charAt(i) > 'f' || text.charAt(i + 1) > 'f') {
        throw NumberText.invalid(sig, text, "not space-separated hex pairs");
      }
      out[b] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static JsonNode parseJson(String text, String sig) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw NumberText.invalid(sig, text, "empty JSON text");
      }
      return node;
    } catch (JacksonException e) {
      throw NumberText.invalid(sig, text, "not JSON");
    }
  }
}
