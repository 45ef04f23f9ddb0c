package dev.athenaws.local;

import java.util.Locale;
import java.util.Map;

/**
 * The local stack's download link flags, passed to the handlers as the environment variables a
 * deployment sets (docs/configuration.md): {@code --download-links on|off} ({@code
 * DOWNLOAD_LINKS_ENABLED}), {@code --download-link-ttl-seconds} ({@code
 * DOWNLOAD_LINK_TTL_SECONDS}), {@code --download-link-rows} and {@code --download-link-bytes}
 * ({@code DOWNLOAD_LINK_ROWS}, {@code DOWNLOAD_LINK_BYTES}). A short TTL (a few seconds) lets a
 * test see an expired link refused by the stack's S3 endpoint.
 *
 * @param enabled whether links may be used
 * @param ttlSeconds a link's lifetime, 1..604800 (S3's 7-day limit)
 * @param rows the row threshold, null for none
 * @param bytes the byte threshold, null for none
 */
record LinkOptions(boolean enabled, long ttlSeconds, Long rows, Long bytes) {
  static final String ENABLED = "--download-links";
  static final String TTL = "--download-link-ttl-seconds";
  static final String ROWS = "--download-link-rows";
  static final String BYTES = "--download-link-bytes";

  /**
   * @throws IllegalArgumentException naming the flag when a value is malformed or out of range
   */
  static LinkOptions parse(Map<String, String> given) {
    String on = given.getOrDefault(ENABLED, "off").toLowerCase(Locale.ROOT);
    if (!on.equals("on") && !on.equals("off")) {
      throw new IllegalArgumentException(ENABLED + " must be on or off: " + on);
    }
    Long ttl = whole(given, TTL, 1, 604_800);
    return new LinkOptions(
        on.equals("on"),
        ttl == null ? 900 : ttl,
        whole(given, ROWS, 0, Long.MAX_VALUE),
        whole(given, BYTES, 0, Long.MAX_VALUE));
  }

  private static Long whole(Map<String, String> given, String name, long min, long max) {
    String v = given.get(name);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " needs a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
  }

  /** Adds the handlers' variables. */
  void addTo(Map<String, String> env) {
    env.put("DOWNLOAD_LINKS_ENABLED", String.valueOf(enabled));
    env.put("DOWNLOAD_LINK_TTL_SECONDS", String.valueOf(ttlSeconds));
    if (rows != null) {
      env.put("DOWNLOAD_LINK_ROWS", String.valueOf(rows));
    }
    if (bytes != null) {
      env.put("DOWNLOAD_LINK_BYTES", String.valueOf(bytes));
    }
  }
}
