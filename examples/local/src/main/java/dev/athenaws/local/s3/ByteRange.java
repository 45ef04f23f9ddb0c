package dev.athenaws.local.s3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a GetObject {@code Range} header (RFC 9110 section 14.1.2; S3 serves a single
 * range per request): {@code bytes=first-last}, {@code bytes=first-} or the suffix {@code
 * bytes=-count}.
 *
 * <p>Thread-safety: an immutable record.
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {
  private static final Pattern ONE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** The outcome of reading a Range header against an object's length. */
  sealed interface Parsed {}

  /** No (usable) header: serve the whole object with 200. */
  record Whole() implements Parsed {}

  /** A satisfiable range: 206 with Content-Range. */
  record Partial(ByteRange range) implements Parsed {}

  /** A well-formed range that starts at or after the end: 416 InvalidRange. */
  record Unsatisfiable() implements Parsed {}

  long length() {
    return last - first + 1;
  }

  /**
   * @param header the Range header, may be null
   * @param size the object's length
   * @return how to answer: a header that is not one well-formed byte range is ignored, as RFC 9110
   *     lets a server do
   */
  static Parsed parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    Matcher m = ONE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    try {
      if (m.group(1).isEmpty()) {
        long count = Long.parseLong(m.group(2));
        if (count == 0 || size == 0) {
          return new Unsatisfiable();
        }
        return new Partial(new ByteRange(Math.max(0, size - count), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
      if (!m.group(2).isEmpty() && last < first) {
        return new Whole(); // syntactically invalid: ignored
      }
      if (first >= size) {
        return new Unsatisfiable();
      }
      return new Partial(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException tooLong) {
      return new Whole();
    }
  }
}
