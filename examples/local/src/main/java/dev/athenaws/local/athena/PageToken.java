package dev.athenaws.local.athena;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * GetQueryResults' opaque NextToken: base64url of {@code <queryExecutionId>:<position>}, where the
 * position counts Athena's rows of the result including a SELECT's header row (position 0), so page
 * 1 is exactly the page at position 0.
 *
 * <p>Thread-safety: stateless.
 */
final class PageToken {
  private PageToken() {}

  static String encode(String queryExecutionId, long position) {
    byte[] raw = (queryExecutionId + ":" + position).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /**
   * @return the position the token points at
   * @throws ApiException InvalidRequestException when the token is malformed or of another query
   */
  static long decode(String token, String queryExecutionId) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = raw.lastIndexOf(':');
      if (colon > 0 && raw.substring(0, colon).equals(queryExecutionId)) {
        long position = Long.parseLong(raw.substring(colon + 1));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the Athena error below
    }
    throw ApiException.invalidRequest("Invalid NextToken for query " + queryExecutionId);
  }
}
