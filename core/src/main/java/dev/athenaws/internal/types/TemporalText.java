package dev.athenaws.internal.types;

import dev.athenaws.error.ValueFormatException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hand-rolled parsing of Athena's date, time, timestamp, zone and interval texts: fixed-position
 * digit reads, no {@code DateTimeFormatter} and no regular expressions, because these run for every
 * value of a result. Formats (docs/aws-behaviour.md; uber/athenadriver UndocumentedAthena.md): date
 * {@code 2017-01-02}; time {@code 01:02:03.456} (0..9 fraction digits); timestamp {@code 2017-01-01
 * 00:00:00.000}; zones as {@code America/Los_Angeles}, {@code UTC} or {@code +08:00}; intervals
 * {@code 0-3} and {@code 2 00:00:00.000}.
 *
 * <p>Valid input never throws; invalid input throws {@link ValueFormatException}.
 *
 * <p>Thread-safety: stateless apart from a concurrent cache of region zone ids.
 */
final class TemporalText {
  private static final int ZONE_CACHE_LIMIT = 2048;

  /** Trino keeps day-to-second intervals as a long of milliseconds. */
  private static final long MAX_INTERVAL_DAYS = Long.MAX_VALUE / 86_400_000L;

  private static final ConcurrentHashMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();
  private static final int[] NANO_SCALE = {
    1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private TemporalText() {}

  static LocalDate date(String s, String type) {
    LocalDate d = dateOrNull(s, 0, s.length());
    if (d == null) {
      throw NumberText.invalid(type, s, "not a date yyyy-MM-dd");
    }
    return d;
  }

  static LocalTime time(String s, String type) {
    LocalTime t = timeOrNull(s, 0, s.length());
    if (t == null) {
      throw NumberText.invalid(type, s, "not a time HH:mm:ss[.fffffffff]");
    }
    return t;
  }

  static LocalDateTime timestamp(String s, String type) {
    int space = s.indexOf(' ');
    LocalDate d = space < 0 ? null : dateOrNull(s, 0, space);
    LocalTime t = d == null ? null : timeOrNull(s, space + 1, s.length());
    if (t == null) {
      throw NumberText.invalid(type, s, "not a timestamp yyyy-MM-dd HH:mm:ss[.fffffffff]");
    }
    return LocalDateTime.of(d, t);
  }

  static ZonedDateTime timestampWithZone(String s, String type) {
    int space = s.indexOf(' ');
    int timeEnd = space < 0 ? -1 : timeEnd(s, space + 1);
    LocalDate d = space < 0 ? null : dateOrNull(s, 0, space);
    LocalTime t = d == null ? null : timeOrNull(s, space + 1, timeEnd);
    ZoneId z = t == null ? null : zoneAfterTime(s, timeEnd);
    if (z == null) {
      throw NumberText.invalid(
          type, s, "not a timestamp with zone yyyy-MM-dd HH:mm:ss[.fff] <zone id or offset>");
    }
    // Trino prints a value as its local time and zone, so the two instants of a DST overlap print
    // alike; reading such text it takes the first valid offset, the earlier instant (summer time),
    // and refuses a time in a DST gap, which no instant prints as (Trino DateTimes.toEpochSecond).
    // docs/types.md, "Daylight saving time".
    LocalDateTime local = LocalDateTime.of(d, t);
    List<ZoneOffset> offsets = z.getRules().getValidOffsets(local);
    if (offsets.isEmpty()) {
      throw NumberText.invalid(
          type, s, "a local time that a daylight saving gap skips in its zone");
    }
    try {
      return ZonedDateTime.ofLocal(local, z, offsets.get(0));
    } catch (DateTimeException e) {
      throw NumberText.invalid(type, s, "out of range for its zone");
    }
  }

  static TimeWithZone timeWithZone(String s, String type) {
    int timeEnd = timeEnd(s, 0);
    LocalTime t = timeOrNull(s, 0, timeEnd);
    ZoneId z = t == null ? null : zoneAfterTime(s, timeEnd);
    if (z == null) {
      throw NumberText.invalid(type, s, "not a time with zone HH:mm:ss[.fff] <zone id or offset>");
    }
    return new TimeWithZone(t, z);
  }

  /** {@code [-]Y-M} with {@code 0 <= M <= 11}; both components carry the sign. */
  static Period yearToMonth(String s, String type) {
    int n = s.length();
    boolean negative = n > 0 && s.charAt(0) == '-';
    int dash = s.indexOf('-', negative ? 1 : 0);
    long years = dash < 0 ? -1 : digits(s, negative ? 1 : 0, dash);
    long months = years < 0 ? -1 : digits(s, dash + 1, n);
    if (months < 0 || months > 11 || years > Integer.MAX_VALUE) {
      throw NumberText.invalid(type, s, "not an interval year to month [-]Y-M");
    }
    int sign = negative ? -1 : 1;
    return Period.of(sign * (int) years, sign * (int) months, 0);
  }

  /** {@code [-]D HH:mm:ss[.fffffffff]}. */
  static Duration dayToSecond(String s, String type) {
    boolean negative = !s.isEmpty() && s.charAt(0) == '-';
    int space = s.indexOf(' ');
    long days = space < 0 ? -1 : digits(s, negative ? 1 : 0, space);
    LocalTime t =
        days < 0 || days > MAX_INTERVAL_DAYS ? null : timeOrNull(s, space + 1, s.length());
    if (t == null) {
      throw NumberText.invalid(type, s, "not an interval day to second [-]D HH:mm:ss.fff");
    }
    Duration d = Duration.ofDays(days).plusNanos(t.toNanoOfDay());
    return negative ? d.negated() : d;
  }

  /** The end of a time starting at {@code from}: the first char not in {@code 0-9 : .}. */
  private static int timeEnd(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && c != ':' && c != '.') {
        break;
      }
      i++;
    }
    return i;
  }

  /** A zone after a time: {@code " zone"}, or an offset {@code +08:00} directly after the time. */
  private static ZoneId zoneAfterTime(String s, int at) {
    if (at >= s.length()) {
      return null;
    }
    char c = s.charAt(at);
    if (c == ' ') {
      return zoneOrNull(s, at + 1, s.length());
    }
    return c == '+' || c == '-' ? zoneOrNull(s, at, s.length()) : null;
  }

  static ZoneId zoneOrNull(String s, int from, int to) {
    if (from >= to) {
      return null;
    }
    char c = s.charAt(from);
    if (c == '+' || c == '-') {
      if (to - from != 6 || s.charAt(from + 3) != ':') {
        return null;
      }
      int h = two(s, from + 1);
      int m = two(s, from + 4);
      if (h < 0 || h > 18 || m < 0 || m > 59 || h == 18 && m > 0) {
        return null;
      }
      int seconds = h * 3600 + m * 60;
      return ZoneOffset.ofTotalSeconds(c == '-' ? -seconds : seconds);
    }
    String id = s.substring(from, to);
    ZoneId cached = ZONES.get(id);
    if (cached != null) {
      return cached;
    }
    try {
      ZoneId zone = ZoneId.of(id);
      if (ZONES.size() < ZONE_CACHE_LIMIT) {
        ZONES.put(id, zone);
      }
      return zone;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code [-+]yyyy-MM-dd} with a year of 4..9 digits. */
  static LocalDate dateOrNull(String s, int from, int to) {
    boolean negative = from < to && s.charAt(from) == '-';
    int yStart = from < to && (s.charAt(from) == '-' || s.charAt(from) == '+') ? from + 1 : from;
    int yEnd = to - 6;
    if (yEnd - yStart < 4
        || yEnd - yStart > 9
        || s.charAt(yEnd) != '-'
        || s.charAt(yEnd + 3) != '-') {
      return null;
    }
    long year = digits(s, yStart, yEnd);
    int month = two(s, yEnd + 1);
    int day = two(s, yEnd + 4);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    int y = negative ? -(int) year : (int) year;
    if (y < LocalDate.MIN.getYear() || y > LocalDate.MAX.getYear() || day > monthLength(y, month)) {
      return null;
    }
    return LocalDate.of(y, month, day);
  }

  /** {@code HH:mm:ss} with an optional fraction of 1..9 digits. */
  static LocalTime timeOrNull(String s, int from, int to) {
    int len = to - from;
    if (len < 8 || len == 9 || len > 18 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
      return null;
    }
    int h = two(s, from);
    int m = two(s, from + 3);
    int sec = two(s, from + 6);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
      return null;
    }
    int nanos = 0;
    if (len > 8) {
      if (s.charAt(from + 8) != '.') {
        return null;
      }
      long f = digits(s, from + 9, to);
      if (f < 0) {
        return null;
      }
      nanos = (int) f * NANO_SCALE[len - 9];
    }
    return LocalTime.of(h, m, sec, nanos);
  }

  private static int monthLength(int year, int month) {
    switch (month) {
      case 2:
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Two ASCII digits at {@code at}, or -1. */
  private static int two(String s, int at) {
    int a = s.charAt(at) - '0';
    int b = s.charAt(at + 1) - '0';
    return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
  }

  /** 1..18 ASCII digits in {@code [from, to)} as a number, or -1. */
  static long digits(String s, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
