package dev.athenaws.local.athena;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A transport-neutral AWS JSON 1.1 response: HTTP status, content type ({@value #CONTENT_TYPE}) and
 * JSON body. A transport writes the three as they are.
 *
 * <p>Thread-safety: immutable (the body array is copied in and out).
 *
 * @param status the HTTP status: 200, 400 for client errors, 500 for emulator faults
 * @param contentType always {@value #CONTENT_TYPE}
 * @param body the UTF-8 JSON body
 */
public record EmulatorResponse(int status, String contentType, byte[] body) {
  /** The content type of every AWS JSON 1.1 response. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  /**
   * @throws NullPointerException when {@code contentType} or {@code body} is null
   * @throws IllegalArgumentException when {@code status} is not an HTTP status (100..599)
   */
  public EmulatorResponse {
    Objects.requireNonNull(contentType, "contentType");
    body = Objects.requireNonNull(body, "body").clone();
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: not an HTTP status: " + status);
    }
  }

  /**
   * @return a copy of the body
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * @return the body as a string
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmulatorResponse r
        && r.status == status
        && r.contentType.equals(contentType)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + contentType.hashCode()) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "EmulatorResponse[status=" + status + ", body=" + bodyText() + "]";
  }
}
