package dev.athenaws.testing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For tests that compare a hand-signed request with the SDK client's: the headers the SDK signed
 * that the hand-written request does not send (its bookkeeping), to give to the hand-written one so
 * that both sign the same header set; and the {@code x-amz-date} format. Stateless.
 */
public final class SdkSignedHeaders {
  /** The format of {@code x-amz-date}. */
  public static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern SIGNED = Pattern.compile("SignedHeaders=([^,]+),");

  private SdkSignedHeaders() {}

  /**
   * @param authorization the SDK request's Authorization header
   * @param ours the (lower-case) headers the hand-written request signs itself
   * @param header the SDK request's header by lower-case name
   * @return the other signed headers with the SDK request's values, by name
   * @throws AssertionError when the Authorization header names no signed headers
   */
  public static Map<String, String> notIn(
      String authorization, Set<String> ours, UnaryOperator<String> header) {
    Matcher m = SIGNED.matcher(authorization);
    if (!m.find()) {
      throw new AssertionError("no SignedHeaders in " + authorization);
    }
    Map<String, String> extra = new TreeMap<>();
    for (String name : m.group(1).split(";")) {
      if (!ours.contains(name)) {
        extra.put(name, header.apply(name));
      }
    }
    return extra;
  }
}
