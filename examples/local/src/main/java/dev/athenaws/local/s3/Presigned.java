package dev.athenaws.local.s3;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The expiry of a SigV4 presigned URL (query-string authentication, "Authenticating Requests: Using
 * Query Parameters (AWS Signature Version 4)" of the S3 API reference): {@code X-Amz-Date} (basic
 * ISO 8601, {@code yyyyMMdd'T'HHmmss'Z'}) plus {@code X-Amz-Expires} seconds (1..604800). The
 * signature itself is not verified.
 *
 * <p>Thread-safety: stateless.
 */
final class Presigned {
  static final long MAX_EXPIRES_SECONDS = 604_800;
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Presigned() {}

  /** Why a presigned request is refused. */
  record Refusal(int status, String code, String message, String expires, String expiresAt) {}

  /**
   * @param amzDate the X-Amz-Date parameter, null when the request is not presigned
   * @param amzExpires the X-Amz-Expires parameter
   * @param now the server time
   * @return a refusal, empty when the request may proceed (also when it is not presigned)
   */
  static Optional<Refusal> check(String amzDate, String amzExpires, Instant now) {
    if (amzDate == null && amzExpires == null) {
      return Optional.empty();
    }
    Instant signed;
    long seconds;
    try {
      signed = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
      seconds = Long.parseLong(amzExpires == null ? "" : amzExpires.trim());
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.of(
          malformed("X-Amz-Date must be yyyyMMddTHHmmssZ and X-Amz-Expires a number of seconds"));
    }
    if (seconds < 0) {
      return Optional.of(malformed("X-Amz-Expires must be non-negative"));
    }
    if (seconds > MAX_EXPIRES_SECONDS) {
      return Optional.of(
          malformed("X-Amz-Expires must be less than a week (in seconds) that is 604800"));
    }
    Instant expiresAt = signed.plus(Duration.ofSeconds(seconds));
    if (now.isAfter(expiresAt)) {
      return Optional.of(
          new Refusal(
              403,
              "AccessDenied",
              "Request has expired",
              Long.toString(seconds),
              DateTimeFormatter.ISO_INSTANT.format(expiresAt)));
    }
    return Optional.empty();
  }

  /**
   * The expiry of a Signature Version 2 presigned URL ({@code AWSAccessKeyId}, {@code Expires} in
   * seconds since the epoch, {@code Signature}: "Signing and authenticating REST requests (AWS
   * signature version 2)", query string request authentication,
   * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html). The AWS CLI v1's
   * {@code aws s3 presign} writes these unless the profile sets {@code s3.signature_version =
   * s3v4}.
   *
   * @param expires the Expires parameter
   * @param now the server time
   * @return a refusal, empty when the URL has not expired
   */
  static Optional<Refusal> checkV2(String expires, Instant now) {
    long epochSeconds;
    try {
      epochSeconds = Long.parseLong(expires == null ? "" : expires.trim());
    } catch (NumberFormatException e) {
      return Optional.of(
          new Refusal(
              403, "AccessDenied", "Invalid date (should be seconds since epoch)", null, null));
    }
    if (now.getEpochSecond() > epochSeconds) {
      return Optional.of(new Refusal(403, "AccessDenied", "Request has expired", null, null));
    }
    return Optional.empty();
  }

  private static Refusal malformed(String message) {
    return new Refusal(400, "AuthorizationQueryParametersError", message, null, null);
  }
}
