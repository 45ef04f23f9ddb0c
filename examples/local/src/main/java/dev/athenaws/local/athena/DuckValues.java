package dev.athenaws.local.athena;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.internal.types.AthenaText;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TimeWithZone;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a value read from DuckDB's JDBC driver into Athena's text for it: first into the Java value
 * of the value contract for the column's {@link AthenaType} (recursively for arrays, maps and
 * rows), then through core's {@link AthenaText#format}, so the emulator prints exactly what the
 * library's converters parse.
 *
 * <p>DuckDB keeps instants, not zones: a {@code timestamp with time zone} prints in the session
 * zone UTC ({@code 2001-08-22 10:04:05.321 UTC}). Intervals print as day to second, a month
 * counting 30 days. Bigint values beyond the long range (a HUGEINT sum) print their digits.
 *
 * <p>Thread-safety: stateless.
 */
final class DuckValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId UTC = ZoneId.of("UTC");

  private DuckValues() {}

  /**
   * @return Athena's text of {@code value}, or null for SQL NULL
   * @throws SQLException when the driver fails to read a nested value
   */
  static String format(AthenaType type, Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (type.kind() == dev.athenaws.internal.types.TypeKind.BIGINT
        && value instanceof BigInteger
        && ((BigInteger) value).bitLength() > 63) {
      return value.toString();
    }
    return AthenaText.format(type, toJava(type, value));
  }

  static Object toJava(AthenaType type, Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    if (type instanceof AthenaType.ArrayType) {
      AthenaType element = ((AthenaType.ArrayType) type).element();
      Object[] items =
          v instanceof Array ? (Object[]) ((Array) v).getArray() : ((List<?>) v).toArray();
      List<Object> out = new ArrayList<>(items.length);
      for (Object item : items) {
        out.add(toJava(element, item));
      }
      return out;
    }
    if (type instanceof AthenaType.MapType) {
      AthenaType.MapType m = (AthenaType.MapType) type;
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        out.put(toJava(m.key(), e.getKey()), toJava(m.value(), e.getValue()));
      }
      return out;
    }
    if (type instanceof AthenaType.RowType) {
      List<AthenaType.Field> fields = ((AthenaType.RowType) type).fields();
      Object[] attrs = ((Struct) v).getAttributes();
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        out.put(fields.get(i).name(), toJava(fields.get(i).type(), attrs[i]));
      }
      return out;
    }
    if (type instanceof AthenaType.Unknown) {
      return v.toString();
    }
    return simple(type, v);
  }

  private static Object simple(AthenaType type, Object v) throws SQLException {
    switch (type.kind()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return ((Number) v).intValue();
      case BIGINT:
        return ((Number) v).longValue();
      case REAL:
        return ((Number) v).floatValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case DECIMAL:
        return v instanceof BigDecimal ? v : new BigDecimal(v.toString());
      case DATE:
        return v instanceof LocalDate ? v : ((java.sql.Date) v).toLocalDate();
      case TIME_WITH_TIME_ZONE:
        OffsetTime ot = (OffsetTime) v;
        return new TimeWithZone(ot.toLocalTime(), ot.getOffset());
      case TIMESTAMP:
        return v instanceof Timestamp ? ((Timestamp) v).toLocalDateTime() : (LocalDateTime) v;
      case TIMESTAMP_WITH_TIME_ZONE:
        return ((OffsetDateTime) v).atZoneSameInstant(UTC);
      case VARBINARY:
        return bytes(v);
      case INTERVAL_DAY_TO_SECOND:
        return interval(v.toString());
      case JSON:
        try {
          return JSON.readTree(v.toString());
        } catch (JacksonException e) {
          throw new SQLException("json value is not JSON text", e);
        }
      case BOOLEAN:
      case TIME:
        return v;
      default:
        return v.toString();
    }
  }

  private static byte[] bytes(Object v) throws SQLException {
    if (v instanceof byte[]) {
      return (byte[]) v;
    }
    if (v instanceof Blob) {
      Blob b = (Blob) v;
      return b.length() == 0 ? new byte[0] : b.getBytes(1, (int) b.length());
    }
    if (v instanceof ByteBuffer) {
      ByteBuffer bb = ((ByteBuffer) v).duplicate();
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    }
    throw new SQLException("not a binary value: " + v.getClass().getName());
  }

  /**
   * Parses DuckDB's interval text: {@code 1 year 2 months 3 days 04:05:06.789}, {@code -03:00:00},
   * {@code 2 days}, {@code 00:00:00}. A year is 12 months, a month 30 days.
   */
  static Duration interval(String text) {
    List<String> tokens = Arrays.asList(text.trim().split("\\s+"));
    Duration total = Duration.ZERO;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t.indexOf(':') >= 0) {
        total = total.plus(clock(t));
      } else {
        long n = Long.parseLong(t);
        String unit = tokens.get(++i);
        long days = unit.startsWith("year") ? n * 360 : unit.startsWith("mon") ? n * 30 : n;
        total = total.plusDays(days);
      }
    }
    return total;
  }

  private static Duration clock(String t) {
    boolean negative = t.startsWith("-");
    String[] parts = (negative ? t.substring(1) : t).split(":");
    BigDecimal seconds = new BigDecimal(parts[2]);
    Duration d =
        Duration.ofHours(Long.parseLong(parts[0]))
            .plusMinutes(Long.parseLong(parts[1]))
            .plusNanos(seconds.movePointRight(9).longValueExact());
    return negative ? d.negated() : d;
  }
}
