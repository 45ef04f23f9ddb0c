package dev.athenaws.internal.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * What S3's answers to GetObject, HeadObject and PutObject mean (S3 API reference, GetObject and
 * HeadObject, "Error responses" and the common error codes,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html): 200 and 206 carry the
 * object; 403 AccessDenied and 404 NoSuchKey / NoSuchBucket refuse it for good ({@link
 * ObjectUnavailableException}); 412 PreconditionFailed means the {@code If-Match} ETag no longer
 * matches, the object was replaced (refused for good, reason CHANGED); 416 InvalidRange from the
 * object's end is an empty rest; anything else (500, 503 SlowDown, 429, a 400 for an expired token
 * that a refresh cures) is an {@link IOException}, worth a retry.
 *
 * <p>Thread-safety: stateless.
 */
final class S3Responses {
  private static final int MAX_ERROR_BODY = 4096;
  private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
  private static final Pattern TOTAL = Pattern.compile("bytes (?:\\d+-\\d+|\\*)/(\\d+)");

  private S3Responses() {}

  /**
   * @param response the GetObject response; its body is closed unless returned
   * @param what the object, for messages
   * @param fromByte the first byte asked for
   * @return the body, ETag and whole length
   * @throws ObjectUnavailableException for 403, 404, 412 and a 416 other than at the end
   * @throws IOException for any other status
   */
  static ObjectReader.Opened opened(HttpExecuteResponse response, S3Location what, long fromByte)
      throws IOException {
    SdkHttpResponse http = response.httpResponse();
    int status = http.statusCode();
    Optional<String> etag = http.firstMatchingHeader("ETag");
    InputStream body = response.responseBody().map(InputStream.class::cast).orElse(null);
    if (status == 200 || status == 206) {
      long length =
          status == 206
              ? total(http).orElse(-1L)
              : http.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
      return new ObjectReader.Opened(
          body == null ? InputStream.nullInputStream() : body, etag.orElse(null), length);
    }
    String code = errorCode(body);
    if (status == 416 && total(http).orElse(-1L) == fromByte) {
      return new ObjectReader.Opened(InputStream.nullInputStream(), etag.orElse(null), fromByte);
    }
    if (status == 416) {
      throw new ObjectUnavailableException(
          ObjectUnavailableException.Reason.CHANGED,
          what + " is shorter than the " + fromByte + " bytes read: 416 " + code);
    }
    throw failure(status, code, what);
  }

  /**
   * @param response the HeadObject response (it has no body)
   * @param what the object, for messages
   * @return the object's length
   * @throws ObjectUnavailableException for 403 and 404
   * @throws IOException for any other status but 200
   */
  static long headLength(HttpExecuteResponse response, S3Location what) throws IOException {
    SdkHttpResponse http = response.httpResponse();
    InputStream body = response.responseBody().map(InputStream.class::cast).orElse(null);
    String code = errorCode(body); // closes it
    if (http.statusCode() == 200) {
      return http.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L);
    }
    throw failure(http.statusCode(), code, what);
  }

  /** The prefix of user metadata headers (S3 API reference, PutObject, {@code x-amz-meta-*}). */
  static final String META = "x-amz-meta-";

  /**
   * @param response the PutObject response
   * @param what the object, for messages
   * @throws ObjectUnavailableException for 403 and 404 (no such bucket)
   * @throws IOException for any other status but 200
   */
  static void written(HttpExecuteResponse response, S3Location what) throws IOException {
    SdkHttpResponse http = response.httpResponse();
    String code = errorCode(response.responseBody().map(InputStream.class::cast).orElse(null));
    if (http.statusCode() != 200) {
      throw failure(http.statusCode(), code, what);
    }
  }

  /**
   * @param response the HeadObject response (it has no body)
   * @param what the object, for messages
   * @return the user metadata (names lower case, prefix removed), empty for 404
   * @throws ObjectUnavailableException for 403
   * @throws IOException for any other status but 200 and 404
   */
  static Optional<Map<String, String>> metadata(HttpExecuteResponse response, S3Location what)
      throws IOException {
    SdkHttpResponse http = response.httpResponse();
    String code = errorCode(response.responseBody().map(InputStream.class::cast).orElse(null));
    if (http.statusCode() == 404) {
      return Optional.empty();
    }
    if (http.statusCode() != 200) {
      throw failure(http.statusCode(), code, what);
    }
    Map<String, String> meta = new TreeMap<>();
    http.forEachHeader(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.startsWith(META) && !values.isEmpty()) {
            meta.put(lower.substring(META.length()), values.get(0));
          }
        });
    return Optional.of(meta);
  }

  /** Throws the refusal for 403, 404 and 412; answers the retryable failure otherwise. */
  private static IOException failure(int status, String code, S3Location what) {
    String message = what + ": " + status + " " + code;
    ObjectUnavailableException.Reason reason =
        switch (status) {
          case 403 -> ObjectUnavailableException.Reason.ACCESS_DENIED;
          case 404 -> ObjectUnavailableException.Reason.NOT_FOUND;
          case 412 -> ObjectUnavailableException.Reason.CHANGED;
          default -> null;
        };
    if (reason == null) {
      return new IOException("S3 answered " + message);
    }
    throw new ObjectUnavailableException(reason, message);
  }

  /** The whole length from {@code Content-Range: bytes a-b/N} or {@code bytes *}{@code /N}. */
  private static Optional<Long> total(SdkHttpResponse http) {
    return http.firstMatchingHeader("Content-Range")
        .map(TOTAL::matcher)
        .filter(Matcher::matches)
        .map(m -> Long.parseLong(m.group(1)));
  }

  /** S3's error code from the XML error body (HEAD has none), then closes the body. */
  private static String errorCode(InputStream body) {
    if (body == null) {
      return "(no body)";
    }
    try (body) {
      String xml = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
      Matcher m = CODE.matcher(xml);
      return m.find() ? m.group(1) : "(no code)";
    } catch (IOException e) {
      return "(unreadable body)";
    }
  }
}
