package dev.athenaws.catalog;

import dev.athenaws.error.InvalidParameterException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses DATE and TIMESTAMP parameter values strictly and renders them as typed SQL literals. */
final class Temporals {
  private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern TIMESTAMP_TEXT =
      Pattern.compile(
          "([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final int MAX_TEXT_CHARS = 32;

  private Temporals() {}

  /**
   * @return {@code DATE 'yyyy-MM-dd'} for a real calendar date in years 0001..9999
   */
  static String date(String name, Object value) {
    if (!(value instanceof String text)
        || text.length() > MAX_TEXT_CHARS
        || !DATE_TEXT.matcher(text).matches()) {
      throw new InvalidParameterException(name, "must be a date string yyyy-MM-dd");
    }
    return "DATE '" + parseDate(name, text) + "'";
  }

  /**
   * @return {@code TIMESTAMP 'yyyy-MM-dd HH:mm:ss.fff'} (3, 6 or 9 fraction digits: the fewest that
   *     keep the value), for input {@code yyyy-MM-dd HH:mm:ss[.f{1,9}]} or with {@code T}
   */
  static String timestamp(String name, Object value) {
    Matcher m = null;
    if (value instanceof String text && text.length() <= MAX_TEXT_CHARS) {
      m = TIMESTAMP_TEXT.matcher(text);
    }
    if (m == null || !m.matches()) {
      throw new InvalidParameterException(
          name, "must be a timestamp string yyyy-MM-dd HH:mm:ss[.fffffffff]");
    }
    LocalDate date = parseDate(name, m.group(1));
    int hour = Integer.parseInt(m.group(2));
    int minute = Integer.parseInt(m.group(3));
    int second = Integer.parseInt(m.group(4));
    if (hour > 23 || minute > 59 || second > 59) {
      throw new InvalidParameterException(name, "is not a valid time of day");
    }
    String fraction = m.group(5) == null ? "" : m.group(5);
    int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    LocalDateTime timestamp = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
    return "TIMESTAMP '" + format(timestamp) + "'";
  }

  private static LocalDate parseDate(String name, String text) {
    LocalDate date;
    try {
      date = LocalDate.parse(text, DATE);
    } catch (DateTimeException e) {
      throw new InvalidParameterException(name, "is not a real calendar date");
    }
    if (date.getYear() < 1) {
      throw new InvalidParameterException(name, "year must be between 0001 and 9999");
    }
    return date;
  }

  private static String format(LocalDateTime t) {
    int nanos = t.getNano();
    // Locale.ROOT: the default locale may print other digits (ar-EG: Arabic-Indic), not SQL.
    String digits = String.format(Locale.ROOT, "%09d", nanos);
    int keep = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    return String.format(
        Locale.ROOT,
        "%s %02d:%02d:%02d.%s",
        t.toLocalDate(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        digits.substring(0, keep));
  }
}
