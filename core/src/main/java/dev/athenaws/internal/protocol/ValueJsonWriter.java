package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.internal.types.TimeWithZone;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the Java values of a result row in the JSON encoding for browsers (docs/protocol.md,
 * "Value encoding"). Dates and times are formatted into a reusable char buffer instead of through
 * {@code DateTimeFormatter} because this runs for every value of every row.
 *
 * <p>Values outside the contract are still written, never rejected: other {@link Number}s as
 * numbers (a {@link BigInteger} like a {@code Long}), anything else as the string of its {@code
 * toString()}.
 *
 * <p>Thread-safety: not thread-safe (the char buffer is reused); use one instance per thread or
 * run.
 */
final class ValueJsonWriter {
  /** 2^53 - 1: the largest integer a JavaScript number holds exactly. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final BigInteger MAX_SAFE_BIG = BigInteger.valueOf(MAX_SAFE_INTEGER);
  private static final BigInteger MIN_SAFE_BIG = BigInteger.valueOf(-MAX_SAFE_INTEGER);

  private final char[] buf = new char[80];

  /** Writes one value (null included) at the generator's current position. */
  void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Integer) {
      g.writeNumber(((Integer) v).intValue());
    } else if (v instanceof Long) {
      writeLong(g, (Long) v);
    } else if (v instanceof Double) {
      writeDouble(g, (Double) v);
    } else if (v instanceof BigDecimal) {
      g.writeString(((BigDecimal) v).toPlainString());
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof LocalDateTime
        || v instanceof LocalDate
        || v instanceof LocalTime
        || v instanceof ZonedDateTime
        || v instanceof TimeWithZone
        || v instanceof Duration
        || v instanceof Period) {
      int len = formatTemporal(v);
      if (len >= 0) {
        g.writeString(buf, 0, len);
      } else {
        g.writeString(v.toString());
      }
    } else if (v instanceof Float) {
      float f = (Float) v;
      if (Float.isNaN(f) || Float.isInfinite(f)) {
        g.writeString(nonFiniteName(f));
      } else {
        g.writeNumber(f);
      }
    } else if (v instanceof byte[]) {
      g.writeBinary((byte[]) v);
    } else if (v instanceof List) {
      writeList(g, (List<?>) v);
    } else if (v instanceof Map) {
      writeMap(g, (Map<?, ?>) v);
    } else if (v instanceof JsonNode) {
      JsonTreeWriter.write(g, (JsonNode) v);
    } else if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.compareTo(MAX_SAFE_BIG) <= 0 && b.compareTo(MIN_SAFE_BIG) >= 0) {
        g.writeNumber(b.longValue());
      } else {
        g.writeString(b.toString());
      }
    } else if (v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else {
      g.writeString(v.toString());
    }
  }

  private static void writeLong(JsonGenerator g, long l) throws IOException {
    if (l <= MAX_SAFE_INTEGER && l >= -MAX_SAFE_INTEGER) {
      g.writeNumber(l);
    } else {
      g.writeString(Long.toString(l));
    }
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeString(nonFiniteName(d));
    } else {
      g.writeNumber(d);
    }
  }

  private static String nonFiniteName(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    return d > 0 ? "Infinity" : "-Infinity";
  }

  private void writeList(JsonGenerator g, List<?> list) throws IOException {
    g.writeStartArray();
    for (Object o : list) {
      write(g, o);
    }
    g.writeEndArray();
  }

  private void writeMap(JsonGenerator g, Map<?, ?> map) throws IOException {
    g.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      g.writeFieldName(keyString(e.getKey()));
      write(g, e.getValue());
    }
    g.writeEndObject();
  }

  /**
   * The JSON-string form of a map key: a string as is, any other value as the text its JSON
   * encoding has ({@code 5} -> {@code "5"}, a decimal -> its plain digits, a date -> its ISO text).
   */
  String keyString(Object k) {
    if (k == null) {
      return "null";
    } else if (k instanceof String) {
      return (String) k;
    } else if (k instanceof BigDecimal) {
      return ((BigDecimal) k).toPlainString();
    } else if (k instanceof Double) {
      double d = (Double) k;
      return Double.isNaN(d) || Double.isInfinite(d) ? nonFiniteName(d) : Double.toString(d);
    } else if (k instanceof Float) {
      float f = (Float) k;
      return Float.isNaN(f) || Float.isInfinite(f) ? nonFiniteName(f) : Float.toString(f);
    } else if (k instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) k);
    } else if (k instanceof JsonNode) {
      return k.toString();
    }
    int len = formatTemporal(k);
    return len >= 0 ? new String(buf, 0, len) : k.toString();
  }

  /**
   * Formats a date/time value into {@link #buf}.
   *
   * @return the number of chars written, or -1 when the value is not a temporal this writer formats
   *     itself (or has a year outside 0..9999, left to {@code toString()})
   */
  int formatTemporal(Object v) {
    if (v instanceof LocalDateTime) {
      LocalDateTime t = (LocalDateTime) v;
      int p = date(t.toLocalDate(), 0);
      if (p < 0) {
        return -1;
      }
      buf[p++] = 'T';
      return time(t.toLocalTime(), p);
    } else if (v instanceof LocalDate) {
      return date((LocalDate) v, 0);
    } else if (v instanceof LocalTime) {
      return time((LocalTime) v, 0);
    } else if (v instanceof ZonedDateTime) {
      return zoned((ZonedDateTime) v);
    } else if (v instanceof TimeWithZone) {
      TimeWithZone t = (TimeWithZone) v;
      int p = time(t.time(), 0);
      return t.zone() instanceof ZoneOffset
          ? chars(t.zone().getId(), p)
          : bracketed(t.zone().getId(), p);
    } else if (v instanceof Duration) {
      return DurationText.format((Duration) v, buf);
    } else if (v instanceof Period) {
      return period((Period) v);
    }
    return -1;
  }

  private int zoned(ZonedDateTime z) {
    int p = date(z.toLocalDate(), 0);
    if (p < 0) {
      return -1;
    }
    buf[p++] = 'T';
    p = time(z.toLocalTime(), p);
    p = chars(z.getOffset().getId(), p);
    return z.getZone() instanceof ZoneOffset ? p : bracketed(z.getZone().getId(), p);
  }

  private int bracketed(String id, int p) {
    if (p < 0 || p + id.length() + 2 > buf.length) {
      return -1;
    }
    buf[p++] = '[';
    p = chars(id, p);
    buf[p++] = ']';
    return p;
  }

  private int chars(String s, int p) {
    if (p < 0 || p + s.length() > buf.length) {
      return -1;
    }
    s.getChars(0, s.length(), buf, p);
    return p + s.length();
  }

  private int date(LocalDate d, int p) {
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      return -1;
    }
    p = digits(year, 4, p);
    buf[p++] = '-';
    p = digits(d.getMonthValue(), 2, p);
    buf[p++] = '-';
    return digits(d.getDayOfMonth(), 2, p);
  }

  /** {@code HH:mm:ss.fff}, with 3, 6 or 9 fraction digits: the fewest that keep the value exact. */
  private int time(LocalTime t, int p) {
    p = digits(t.getHour(), 2, p);
    buf[p++] = ':';
    p = digits(t.getMinute(), 2, p);
    buf[p++] = ':';
    p = digits(t.getSecond(), 2, p);
    buf[p++] = '.';
    int nanos = t.getNano();
    if (nanos % 1_000_000 == 0) {
      return digits(nanos / 1_000_000, 3, p);
    } else if (nanos % 1_000 == 0) {
      return digits(nanos / 1_000, 6, p);
    }
    return digits(nanos, 9, p);
  }

  private int period(Period per) {
    int y = per.getYears();
    int m = per.getMonths();
    if (per.getDays() != 0
        || (y < 0 && m > 0)
        || (y > 0 && m < 0)
        || y == Integer.MIN_VALUE
        || m == Integer.MIN_VALUE) {
      return -1;
    }
    int p = 0;
    if (y < 0 || m < 0) {
      buf[p++] = '-';
    }
    buf[p++] = 'P';
    y = Math.abs(y);
    m = Math.abs(m);
    if (y != 0) {
      p = chars(Integer.toString(y), p);
      buf[p++] = 'Y';
    }
    if (m != 0 || y == 0) {
      p = chars(Integer.toString(m), p);
      buf[p++] = 'M';
    }
    return p;
  }

  /** Writes {@code value} zero-padded to {@code width} digits (value must fit). */
  private int digits(int value, int width, int p) {
    for (int i = p + width - 1; i >= p; i--) {
      buf[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return p + width;
  }
}
