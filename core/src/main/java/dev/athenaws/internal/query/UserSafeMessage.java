package dev.athenaws.internal.query;

import java.util.regex.Pattern;

/**
 * Makes an Athena error message safe to send to an end user. Athena's messages are about the user's
 * own statement and worth showing (a syntax error with its line and column), but they can name
 * result buckets and resource ARNs of the deployment.
 */
final class UserSafeMessage {
  static final int MAX_LENGTH = 512;
  private static final Pattern S3 = Pattern.compile("s3a?://[^\\s'\"`,;)]+");
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[^\\s'\"`,;)]+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n]]+");

  private UserSafeMessage() {}

  /**
   * @param message Athena's message, may be null
   * @param fallback used when the message is null or blank
   * @return the message with S3 URIs and ARNs redacted, control characters replaced, at most
   *     {@value #MAX_LENGTH} characters
   */
  static String of(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    String s = CONTROL.matcher(message.strip()).replaceAll(" ");
    s = S3.matcher(s).replaceAll("s3://<redacted>");
    s = ARN.matcher(s).replaceAll("<arn redacted>");
    return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 3) + "...";
  }
}
