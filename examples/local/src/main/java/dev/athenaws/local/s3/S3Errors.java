package dev.athenaws.local.s3;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * S3's REST error responses ("Error responses" of the S3 API reference): {@code Content-Type:
 * application/xml}, an {@code <Error>} with {@code Code}, {@code Message}, operation-specific
 * elements, {@code RequestId} and {@code HostId}. A HEAD answer carries the status only, no body.
 *
 * <p>Thread-safety: stateless.
 */
final class S3Errors {
  private S3Errors() {}

  /** One error: status, code, message and extra elements in order. */
  record Error(int status, String code, String message, Map<String, String> extra) {
    Error(int status, String code, String message) {
      this(status, code, message, Map.of());
    }

    Error with(String element, String value) {
      Map<String, String> more = new LinkedHashMap<>(extra);
      more.put(element, value);
      return new Error(status, code, message, more);
    }
  }

  static Error noSuchKey(String key) {
    return new Error(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
  }

  static Error noSuchBucket(String bucket) {
    return new Error(404, "NoSuchBucket", "The specified bucket does not exist.")
        .with("BucketName", bucket);
  }

  static Error invalidRange(String requested, long size) {
    return new Error(416, "InvalidRange", "The requested range cannot be satisfied.")
        .with("RangeRequested", requested)
        .with("ActualObjectSize", Long.toString(size));
  }

  /** GetObject and HeadObject with an If-Match that does not hold (S3 API reference, GetObject). */
  static Error preconditionFailed(String condition) {
    return new Error(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold")
        .with("Condition", condition);
  }

  static Error notImplemented() {
    return new Error(
        501,
        "NotImplemented",
        "A header you provided implies functionality that is not implemented");
  }

  static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
  }

  static void send(Response response, Callback callback, Error e, boolean head) {
    String id = requestId();
    response.setStatus(e.status());
    response.getHeaders().put("x-amz-request-id", id);
    if (head) {
      response.write(true, null, callback);
      return;
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
    element(xml, "Code", e.code());
    element(xml, "Message", e.message());
    e.extra().forEach((k, v) -> element(xml, k, v));
    element(xml, "RequestId", id);
    element(xml, "HostId", "local");
    xml.append("</Error>");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
    response.write(
        true, ByteBuffer.wrap(xml.toString().getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static void element(StringBuilder xml, String name, String value) {
    xml.append('<').append(name).append('>');
    for (char c : (value == null ? "" : value).toCharArray()) {
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        default -> xml.append(c);
      }
    }
    xml.append("</").append(name).append('>');
  }
}
