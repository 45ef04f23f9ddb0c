package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.internal.protocol.ClientMessage;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.query.ResultLocation;
import dev.athenaws.internal.session.CancelMarks;
import dev.athenaws.internal.session.ResumeClaims;
import dev.athenaws.internal.session.TokenRefused;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.PostOutcome;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * A client's {@code cancel} and {@code resume}: each checks the resume token, then stops the query
 * (and what continues it), or continues its messages on the client's connection from {@code
 * afterSeq}. Thread-safe: no state of its own.
 *
 * <p>Who tells the client of a cancel: exactly one final {@code error} QUERY_CANCELLED reaches the
 * connection that sent the cancel. This flow sends it, and every run that learns of the cancel (in
 * this process, or through its stopped state machine execution) ends without a message; except when
 * the query was still running, nothing here or in Step Functions was waiting for it, and the cancel
 * came on the connection the token was given to: then the run waiting in another process (inline
 * mode on another Lambda instance) finds the query CANCELLED and tells the client itself. A query
 * that SUCCEEDED may still be streaming on another host (an inline run: every invocation is a
 * Lambda instance of its own; a push task): the cancel leaves a mark beside the result and waits a
 * few seconds for that run to say it stopped ({@link CancelMarks}): QUERY_CANCELLED when it did,
 * QUERY_FINISHED when no run was streaming (its {@code complete} was or will be sent). Only without
 * marks (no S3) does it stop the push task's execution instead, which the task sees within a
 * second.
 */
final class SessionFlow {
  private static final Logger LOG = LoggerFactory.getLogger(SessionFlow.class);
  static final String FINISHED = "The query had already finished; nothing was cancelled.";

  private final RunFlow flow;
  private final ResumeFlow resume;

  SessionFlow(RunFlow flow, ResumeFlow resume) {
    this.flow = flow;
    this.resume = resume;
  }

  Outcome cancel(Connection connection, ClientMessage.Cancel m, RunOptions options) {
    PublishTarget asker = new PublishTarget(connection, m.requestId(), null);
    ResumeClaims claims = checked(asker, m.resumeToken(), m.queryExecutionId(), options);
    if (claims == null) {
      return new Outcome.Refused(ErrorCode.INVALID_TOKEN);
    }
    String id = claims.queryExecutionId();
    PublishTarget query = new PublishTarget(connection, claims.requestId(), id);
    QueryExecution execution;
    QueryExecutionState state;
    try {
      execution = flow.waiter.describe(id);
      state = execution.status() == null ? null : execution.status().state();
    } catch (QueryFailedException e) {
      return refuse(asker, new AthenaWsException(ErrorCode.QUERY_FINISHED, FINISHED, e));
    } catch (RuntimeException e) {
      return new Outcome.Ran(flow.publisher.fail(asker, e));
    }
    List<String> local = flow.sessions.runs.serving(id);
    if (state == QueryExecutionState.SUCCEEDED && local.isEmpty()) {
      // Rows may be streaming on another host (an inline run, a push task): only that run can say
      // whether it stopped before its complete, so ask it through a mark and wait for its word.
      CancelMarks.Answer answer =
          flow.sessions.marks.request(ResultLocation.outputLocation(execution), id);
      if (answer == CancelMarks.Answer.STOPPED) {
        LOG.info("cancel of query {}: a run on another host stopped streaming it", id);
        flow.cancelled(query); // that run stopped without a message
        return new Outcome.Cancelled(id);
      }
      if (answer == CancelMarks.Answer.NOT_STREAMING) {
        return refuse(asker, new AthenaWsException(ErrorCode.QUERY_FINISHED, FINISHED));
      }
    }
    boolean running = state == QueryExecutionState.QUEUED || state == QueryExecutionState.RUNNING;
    if (running || !local.isEmpty()) {
      flow.sessions.runs.cancel(id); // before the stop: a run here that sees CANCELLED says nothing
    }
    // The executions first: a state machine whose .sync task saw the query CANCELLED before its
    // execution was stopped would report the cancel itself (its Catch), a second final message.
    HandOff handOff = options.handOff();
    boolean elsewhere = handOff != null && handOff.stop(claims.requestKey());
    if (running) {
      flow.waiter.stop(id);
    }
    LOG.info(
        "cancel of query {} ({}) on connection {}: {} local run(s), continuation stopped: {}",
        id,
        state,
        connection.id(),
        local.size(),
        elsewhere);
    if (!running && !elsewhere && local.isEmpty()) {
      if (state == QueryExecutionState.CANCELLED) {
        flow.cancelled(query); // a repeated cancel: the same final message again
        return new Outcome.Cancelled(id);
      }
      return refuse(asker, new AthenaWsException(ErrorCode.QUERY_FINISHED, FINISHED));
    }
    if (running && !elsewhere && local.isEmpty() && connection.id().equals(claims.connectionId())) {
      return new Outcome.Cancelled(id); // the run waiting elsewhere tells this connection
    }
    flow.cancelled(query);
    return new Outcome.Cancelled(id);
  }

  Outcome resume(Connection connection, ClientMessage.Resume m, RunOptions options) {
    PublishTarget asker = new PublishTarget(connection, m.requestId(), null);
    ResumeClaims claims = checked(asker, m.resumeToken(), m.queryExecutionId(), options);
    if (claims == null) {
      return new Outcome.Refused(ErrorCode.INVALID_TOKEN);
    }
    String id = claims.queryExecutionId();
    RequestKey key =
        RequestKey.ofResume(
            connection.id(), AthenaWs.identity(m.requestId(), options), id, m.afterSeq());
    PublishTarget target = new PublishTarget(connection, claims.requestId(), id);
    PostOutcome ack;
    try {
      ack = flow.publisher.send(target, flow.sessions.resumed(claims, target, key));
    } catch (RuntimeException e) {
      return new Outcome.Ran(flow.publisher.fail(target, e));
    }
    if (ack instanceof PostOutcome.Gone) {
      return new Outcome.Ran(new PublishResult.ConnectionGone());
    }
    Continuation from = Continuation.startAfter(m.afterSeq());
    HandOff.Request handOver =
        HandOff.Request.resumed(
            connection, claims.requestId(), claims.queryName(), key, id, from, claims.delivery());
    if (options.atOnce() || (options.budget() != null && options.budget().isZero())) {
      // One GetQueryExecution here, so that a query Athena no longer knows is RESULT_EXPIRED
      // before anything is started to continue it.
      try {
        flow.waiter.describe(id);
      } catch (QueryFailedException e) {
        return new Outcome.Ran(
            flow.publisher.fail(
                target, new AthenaWsException(ErrorCode.RESULT_EXPIRED, ResumeFlow.EXPIRED, e)));
      } catch (RuntimeException e) {
        return new Outcome.Ran(flow.publisher.fail(target, e));
      }
      return handOver(target, options.handOff(), handOver);
    }
    Resumption.Builder r =
        Resumption.builder(connection)
            .requestId(claims.requestId())
            .queryExecutionId(id)
            .queryName(claims.queryName())
            .from(from)
            .delivery(claims.delivery())
            .byClient();
    if (options.budget() != null) {
      Instant deadline = flow.clock.instant().plus(options.budget());
      r.timeBudget(RemainingTime.until(deadline, flow.clock), java.time.Duration.ZERO);
    }
    PublishResult result = resume.resume(r.build());
    if (result instanceof PublishResult.Paused p && options.handOff() != null) {
      return handOver(
          target,
          options.handOff(),
          HandOff.Request.resumed(
              connection,
              claims.requestId(),
              claims.queryName(),
              key,
              id,
              p.next(),
              claims.delivery()));
    }
    if (result instanceof PublishResult.Paused) {
      return new Outcome.Ran(flow.timeout(target, options.budget(), true));
    }
    return new Outcome.Ran(result);
  }

  /**
   * Hands a resumed query to what continues it; when that fails the client hears why, as from any
   * run: ATHENA_BUSY when the service kept throttling, else INTERNAL.
   */
  private Outcome handOver(PublishTarget target, HandOff handOff, HandOff.Request request) {
    AthenaWsException failure = new AthenaWsException(ErrorCode.INTERNAL, RunFlow.HANDOFF_FAILED);
    try {
      if (handOff != null && handOff.take(request)) {
        return new Outcome.HandedOff(request.queryExecutionId(), request.from());
      }
      LOG.warn("hand-off of resumed query {} was refused", request.queryExecutionId());
    } catch (ThrottledException e) {
      failure = e;
    } catch (RuntimeException e) {
      LOG.error(
          "hand-off of resumed query {} for connection {} failed: {}",
          request.queryExecutionId(),
          target.connection().id(),
          e.getClass().getSimpleName());
    }
    return new Outcome.Ran(flow.publisher.fail(target, failure));
  }

  /**
   * @return the token's claims, or null when it was refused (the client got INVALID_TOKEN)
   */
  private ResumeClaims checked(
      PublishTarget asker, String token, String queryExecutionId, RunOptions options) {
    try {
      return flow.sessions.check(token, queryExecutionId, options.subject());
    } catch (TokenRefused e) {
      refuse(asker, e);
      return null;
    }
  }

  private Outcome refuse(PublishTarget asker, AthenaWsException e) {
    flow.publisher.fail(asker, e);
    LOG.info("refused a session request on connection {}: {}", asker.connection().id(), e.code());
    return new Outcome.Refused(e.code());
  }
}
