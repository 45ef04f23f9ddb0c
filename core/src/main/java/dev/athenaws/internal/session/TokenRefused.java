package dev.athenaws.internal.session;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;

/**
 * A {@code cancel} or {@code resume} whose token was not accepted: {@link ErrorCode#INVALID_TOKEN}
 * about the field {@code resumeToken}. The message says why (malformed, not ours, expired, another
 * query, another user) and is safe to show.
 *
 * <p>Thread-safety: immutable.
 */
public final class TokenRefused extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why the token was refused, safe to show, not null
   */
  public TokenRefused(String message) {
    super(ErrorCode.INVALID_TOKEN, message);
  }

  @Override
  public String field() {
    return "resumeToken";
  }
}
