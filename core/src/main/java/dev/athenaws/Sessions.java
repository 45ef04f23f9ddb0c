package dev.athenaws;

import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.session.CancelMarks;
import dev.athenaws.internal.session.ResumeClaims;
import dev.athenaws.internal.session.ResumeTokens;
import dev.athenaws.internal.session.TokenRefused;
import java.time.Clock;

/**
 * The sessions of a front door: the resume token each {@code accepted} carries (when the deployment
 * configured a secret) and the check of a token a {@code cancel} or {@code resume} presents; and
 * the runs of this process ({@link LocalRuns}) and the cancel marks that reach runs elsewhere
 * ({@link CancelMarks}). Thread-safe.
 */
final class Sessions {
  static final String OFF = "Cancel and resume are not enabled on this service.";

  private final ResumeTokens tokens;
  final LocalRuns runs;
  final CancelMarks marks;

  /**
   * @param tokens null when the deployment has sessions off
   * @param marks how a cancel reaches rows another host streams ({@link CancelMarks#off()}: never)
   */
  Sessions(ResumeTokens tokens, CancelMarks marks, Clock clock) {
    this.tokens = tokens;
    this.marks = marks;
    this.runs = new LocalRuns(clock);
  }

  /**
   * The {@code accepted} of a started query, with a token when sessions are on.
   *
   * @param target the client and the query, with its id
   */
  ServerMessage.Accepted accepted(
      PublishTarget target, String queryName, Delivery delivery, RequestKey key, String subject) {
    ServerMessage.Accepted a =
        ServerMessage.Accepted.of(target.requestId(), target.queryExecutionId());
    if (tokens == null || target.queryExecutionId() == null) {
      return a;
    }
    return a.withResumeToken(
        tokens.sign(
            new ResumeClaims(
                target.queryExecutionId(),
                target.connection().id(),
                subject,
                target.requestId(),
                queryName,
                delivery,
                key.hex(),
                tokens.expiryFromNow())));
  }

  /**
   * The {@code accepted} that answers a {@code resume}: the query's own request id, a new token for
   * this connection and the resumed delivery's key.
   */
  ServerMessage.Accepted resumed(ResumeClaims claims, PublishTarget target, RequestKey key) {
    String token =
        tokens.sign(
            new ResumeClaims(
                claims.queryExecutionId(),
                target.connection().id(),
                claims.identity(),
                claims.requestId(),
                claims.queryName(),
                claims.delivery(),
                key.hex(),
                tokens.expiryFromNow()));
    return new ServerMessage.Accepted(
        claims.requestId(),
        claims.queryExecutionId(),
        token,
        true,
        ServerMessage.Accepted.RESUMED_MESSAGE);
  }

  /**
   * @throws TokenRefused when the token is not accepted, or sessions are off
   */
  ResumeClaims check(String token, String queryExecutionId, String identity) {
    if (tokens == null) {
      throw new TokenRefused(OFF);
    }
    return tokens.check(token, queryExecutionId, identity);
  }
}
