package dev.athenaws.internal.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Formats a Java value of the value contract (docs/types.md) as Athena prints it: the inverse of
 * {@link ValueConverters}. Used by round-trip tests and by a local Athena emulator.
 *
 * <p>Canonical forms: {@code real}/{@code double} as {@link Float#toString}/{@link Double#toString}
 * ({@code 1.5}, {@code 1.0E-5}, {@code NaN}, {@code -Infinity}); decimal in plain notation with the
 * column's scale when known; date {@code 2017-01-02}; time, timestamp and their zoned forms with as
 * many fraction digits as the type's precision when it is given ({@code Simple.precision() > 0}),
 * else 3, extra digits truncated; a zone offset directly after a time ({@code 01:02:03.456-08:00},
 * as Trino prints {@code time with time zone}), a region id after a blank, and after a blank for
 * timestamps ({@code ... 03:04:05.321 America/Los_Angeles}, {@code ... UTC}, {@code ... +08:00});
 * intervals {@code -1-2} and {@code 2 03:04:05.678} (milliseconds, truncated); varbinary lower-case
 * hex pairs separated by blanks; json compact. Containers print {@code [a, b]}, {@code {k=v}} and,
 * for a row, {@code {field=value}} in the hint's field order; {@code null} elements print {@code
 * null}.
 *
 * <p>Thread-safety: stateless.
 *
 * <p>Exceptions: {@link #format} throws {@link IllegalArgumentException} when a value does not fit
 * its type and {@link NullPointerException} for a null type.
 */
public final class AthenaText {
  private AthenaText() {}

  /**
   * @param type the value's type, not null
   * @param value a value of the class the contract gives for {@code type}; null formats as {@code
   *     null} (the token Athena prints for a NULL inside a container)
   * @return Athena's text of the value
   * @throws IllegalArgumentException when the value's class does not fit the type, or a period has
   *     days, or a decimal does not fit the type's scale without rounding
   * @throws NullPointerException when {@code type} is null
   */
  public static String format(AthenaType type, Object value) {
    Objects.requireNonNull(type, "type");
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    append(sb, type, value);
    return sb.toString();
  }

  private static void append(StringBuilder sb, AthenaType type, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (type instanceof AthenaType.ArrayType) {
      AthenaType element = ((AthenaType.ArrayType) type).element();
      List<?> list = cast(value, List.class, type);
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        append(sb, element, list.get(i));
      }
      sb.append(']');
    } else if (type instanceof AthenaType.MapType) {
      AthenaType.MapType m = (AthenaType.MapType) type;
      sb.append('{');
      boolean first = true;
      Map<?, ?> map = cast(value, Map.class, type);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(first ? "" : ", ");
        first = false;
        append(sb, m.key(), e.getKey());
        sb.append('=');
        append(sb, m.value(), e.getValue());
      }
      sb.append('}');
    } else if (type instanceof AthenaType.RowType) {
      Map<?, ?> row = cast(value, Map.class, type);
      List<AthenaType.Field> fields = ((AthenaType.RowType) type).fields();
      sb.append('{');
      for (int i = 0; i < fields.size(); i++) {
        AthenaType.Field f = fields.get(i);
        sb.append(i > 0 ? ", " : "").append(f.name()).append('=');
        append(sb, f.type(), row.get(f.name()));
      }
      sb.append('}');
    } else if (type instanceof AthenaType.Unknown) {
      sb.append(cast(value, String.class, type));
    } else {
      appendSimple(sb, (AthenaType.Simple) type, value);
    }
  }

  private static void appendSimple(StringBuilder sb, AthenaType.Simple type, Object value) {
    int digits = type.precision() > 0 ? Math.min(type.precision(), 9) : 3;
    switch (type.kind()) {
      case BOOLEAN:
        sb.append(cast(value, Boolean.class, type).booleanValue());
        break;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        sb.append(cast(value, Integer.class, type).intValue());
        break;
      case BIGINT:
        sb.append(cast(value, Long.class, type).longValue());
        break;
      case REAL:
        sb.append(Float.toString(cast(value, Float.class, type)));
        break;
      case DOUBLE:
        sb.append(Double.toString(cast(value, Double.class, type)));
        break;
      case DECIMAL:
        sb.append(decimal(type, cast(value, BigDecimal.class, type)));
        break;
      case DATE:
        date(sb, cast(value, LocalDate.class, type));
        break;
      case TIME:
        time(sb, cast(value, LocalTime.class, type), digits);
        break;
      case TIME_WITH_TIME_ZONE:
        TimeWithZone tz = cast(value, TimeWithZone.class, type);
        time(sb, tz.time(), digits);
        zone(sb.append(tz.zone() instanceof ZoneOffset ? "" : " "), tz.zone());
        break;
      case TIMESTAMP:
        LocalDateTime ts = cast(value, LocalDateTime.class, type);
        time(date(sb, ts.toLocalDate()).append(' '), ts.toLocalTime(), digits);
        break;
      case TIMESTAMP_WITH_TIME_ZONE:
        ZonedDateTime z = cast(value, ZonedDateTime.class, type);
        time(date(sb, z.toLocalDate()).append(' '), z.toLocalTime(), digits);
        zone(sb.append(' '), z.getZone());
        break;
      case INTERVAL_YEAR_TO_MONTH:
        yearToMonth(sb, cast(value, Period.class, type));
        break;
      case INTERVAL_DAY_TO_SECOND:
        dayToSecond(sb, cast(value, Duration.class, type));
        break;
      case VARBINARY:
        hex(sb, cast(value, byte[].class, type));
        break;
      case JSON:
        sb.append(cast(value, JsonNode.class, type).toString());
        break;
      default:
        sb.append(cast(value, String.class, type));
    }
  }

  private static String decimal(AthenaType.Simple type, BigDecimal v) {
    if (type.precision() > 0 && v.scale() != type.scale()) {
      try {
        v = v.setScale(type.scale(), RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "value: "
                + v.toPlainString()
                + " does not fit "
                + type.signature()
                + " without rounding");
      }
    }
    return v.toPlainString();
  }

  private static StringBuilder date(StringBuilder sb, LocalDate d) {
    int y = d.getYear();
    if (y < 0) {
      sb.append('-');
      y = -y;
    } else if (y > 9999) {
      sb.append('+');
    }
    pad(sb, y, 4).append('-');
    pad(sb, d.getMonthValue(), 2).append('-');
    return pad(sb, d.getDayOfMonth(), 2);
  }

  private static void time(StringBuilder sb, LocalTime t, int digits) {
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    fraction(sb, t.getNano(), digits);
  }

  private static void fraction(StringBuilder sb, int nanos, int digits) {
    if (digits > 0) {
      sb.append('.');
      String nine = Integer.toString(1_000_000_000 + nanos);
      sb.append(nine, 1, 1 + digits);
    }
  }

  private static void zone(StringBuilder sb, ZoneId zone) {
    if (zone instanceof ZoneOffset) {
      int total = ((ZoneOffset) zone).getTotalSeconds();
      sb.append(total < 0 ? '-' : '+');
      total = Math.abs(total);
      pad(sb, total / 3600, 2).append(':');
      pad(sb, total / 60 % 60, 2);
    } else {
      sb.append(zone.getId());
    }
  }

  private static void yearToMonth(StringBuilder sb, Period p) {
    if (p.getDays() != 0) {
      throw new IllegalArgumentException("value: an interval year to month has no days: " + p);
    }
    long months = p.toTotalMonths();
    sb.append(months < 0 ? "-" : "")
        .append(Math.abs(months) / 12)
        .append('-')
        .append(Math.abs(months) % 12);
  }

  private static void dayToSecond(StringBuilder sb, Duration d) {
    Duration abs = d.abs();
    long seconds = abs.getSeconds();
    sb.append(d.isNegative() ? "-" : "").append(seconds / 86_400).append(' ');
    pad(sb, (int) (seconds / 3600 % 24), 2).append(':');
    pad(sb, (int) (seconds / 60 % 60), 2).append(':');
    pad(sb, (int) (seconds % 60), 2);
    fraction(sb, abs.getNano(), 3);
  }

  private static void hex(StringBuilder sb, byte[] bytes) {
    final String digits = "0123456789abcdef";
    for (int i = 0; i < bytes.length; i++) {
      sb.append(i > 0 ? " " : "")
          .append(digits.charAt(bytes[i] >> 4 & 0xf))
          .append(digits.charAt(bytes[i] & 0xf));
    }
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  private static <T> T cast(Object value, Class<T> cls, AthenaType type) {
    if (!cls.isInstance(value)) {
      throw new IllegalArgumentException(
          "value: a "
              + value.getClass().getSimpleName()
              + " is not a value of "
              + type.signature()
              + " (expected "
              + cls.getSimpleName()
              + ")");
    }
    return cls.cast(value);
  }
}
