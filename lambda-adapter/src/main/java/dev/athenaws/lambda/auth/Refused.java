package dev.athenaws.lambda.auth;

/**
 * A token the authorizer refuses, with the reason for the log. The reason never contains the token
 * or a claim value; the client never sees it (it gets API Gateway's 403).
 */
final class Refused extends Exception {
  private static final long serialVersionUID = 1L;

  Refused(String reason) {
    super(reason, null, false, false);
  }
}
