package dev.athenaws.internal.publish;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.protocol.MessageEncoder;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.query.QueryError;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes and posts protocol messages for a target; turns failures into {@code error} messages. */
final class Messenger {
  private static final Logger LOG = LoggerFactory.getLogger(Messenger.class);
  static final String INTERNAL_MESSAGE = "The server failed to process this request.";

  private final ConnectionNotifier notifier;
  private final MessageEncoder encoder = new MessageEncoder();

  Messenger(ConnectionNotifier notifier) {
    this.notifier = notifier;
  }

  PostOutcome send(PublishTarget target, ServerMessage message) {
    return post(target, encoder.encode(message));
  }

  PostOutcome post(PublishTarget target, byte[] payload) {
    PostOutcome outcome = notifier.post(target.connection(), payload);
    if (!outcome.delivered()) {
      LOG.debug(
          "post to {} for {} ended {}",
          target.connection().id(),
          target.queryExecutionId(),
          outcome);
    }
    return outcome;
  }

  /**
   * Sends an {@code error} for a failure; never throws. The one place a failure becomes the
   * client's {@code error}: an {@link AthenaWsException} with its code, message and field, anything
   * else INTERNAL with a generic message.
   */
  PublishResult.Failed fail(PublishTarget target, RuntimeException failure) {
    ErrorCode code = ErrorCode.INTERNAL;
    String message = INTERNAL_MESSAGE;
    String field = null;
    if (failure instanceof AthenaWsException e) {
      code = e.code();
      message = e.getMessage();
      field = e.field();
    } else {
      // Unexpected: the details go to the log (ids only), the client gets a generic message.
      LOG.error(
          "publishing {} to {} failed",
          target.queryExecutionId(),
          target.connection().id(),
          failure);
    }
    // ATHENA_BUSY says the same request may succeed later: the client may offer to send it again.
    Boolean retryable = code == ErrorCode.ATHENA_BUSY ? Boolean.TRUE : null;
    return fail(
        target,
        new ServerMessage.Error(
            target.requestId(),
            target.queryExecutionId(),
            code,
            message,
            field,
            null,
            null,
            retryable));
  }

  /**
   * How a run ends after a post: null when delivered; {@link PublishResult.ConnectionGone} on 410
   * (not one more post); otherwise an {@code error} saying the results could not be delivered, and
   * {@link PublishResult.Undelivered}.
   */
  PublishResult check(PublishTarget target, PostOutcome outcome) {
    if (outcome.delivered()) {
      return null;
    }
    if (outcome instanceof PostOutcome.Gone) {
      return new PublishResult.ConnectionGone();
    }
    fail(
        target,
        ServerMessage.Error.of(
            target.requestId(),
            target.queryExecutionId(),
            ErrorCode.INTERNAL,
            "Results could not be delivered; please run the query again."));
    return new PublishResult.Undelivered(outcome);
  }

  /** Sends the {@code error} of a query Athena ended FAILED. */
  PublishResult.Failed failQuery(PublishTarget target, QueryError error, String reason) {
    String message = error.message() != null ? error.message() : reason;
    return fail(
        target,
        new ServerMessage.Error(
            target.requestId(),
            target.queryExecutionId(),
            ErrorCode.QUERY_FAILED,
            message != null ? message : "The query failed.",
            null,
            error.category(),
            error.type(),
            error.retryable()));
  }

  PublishResult.Failed fail(PublishTarget target, ServerMessage.Error error) {
    boolean delivered;
    try {
      delivered = send(target, error).delivered();
    } catch (RuntimeException e) {
      LOG.warn("could not send error {} to {}", error.code(), target.connection().id(), e);
      delivered = false;
    }
    return new PublishResult.Failed(error.code(), delivered);
  }
}
