package dev.athenaws.internal.protocol;

import java.time.Duration;

/**
 * ISO-8601 text of a {@link Duration} with a day component, as the JSON encoding wants it: {@code
 * P2DT3H4M5.678S}, zero components omitted, {@code PT0S} for zero, a leading {@code -} for a
 * negative duration. Unlike {@link Duration#toString()} it counts days and never writes
 * per-component signs ({@code PT-1H-30M}).
 *
 * <p>Thread-safety: stateless.
 */
final class DurationText {
  private DurationText() {}

  /**
   * @param d the duration
   * @param buf a buffer of at least 64 chars
   * @return the number of chars written
   */
  static int format(Duration d, char[] buf) {
    long secs = d.getSeconds();
    int nanos = d.getNano();
    boolean negative = secs < 0;
    if (negative) {
      // -(secs + nanos/1e9) as positive seconds and nanos; unsigned arithmetic keeps
      // Long.MIN_VALUE.
      secs = -secs;
      if (nanos > 0) {
        secs -= 1;
        nanos = 1_000_000_000 - nanos;
      }
    }
    StringBuilder sb = new StringBuilder(32);
    if (negative) {
      sb.append('-');
    }
    sb.append('P');
    long days = Long.divideUnsigned(secs, 86_400);
    long rest = Long.remainderUnsigned(secs, 86_400);
    long hours = rest / 3600;
    long minutes = rest % 3600 / 60;
    long seconds = rest % 60;
    if (days != 0) {
      sb.append(Long.toUnsignedString(days)).append('D');
    }
    if (hours != 0 || minutes != 0 || seconds != 0 || nanos != 0 || days == 0) {
      sb.append('T');
      if (hours != 0) {
        sb.append(hours).append('H');
      }
      if (minutes != 0) {
        sb.append(minutes).append('M');
      }
      if (seconds != 0 || nanos != 0 || (hours == 0 && minutes == 0)) {
        sb.append(seconds);
        if (nanos != 0) {
          String f = Integer.toString(nanos + 1_000_000_000).substring(1);
          int end = f.length();
          while (f.charAt(end - 1) == '0') {
            end--;
          }
          sb.append('.').append(f, 0, end);
        }
        sb.append('S');
      }
    }
    sb.getChars(0, sb.length(), buf, 0);
    return sb.length();
  }
}
