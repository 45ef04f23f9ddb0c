package dev.athenaws.local.athena;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One query execution and its state machine: QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED. A
 * stop moves a QUEUED or RUNNING query to CANCELLED at once and cancels its running DuckDB
 * statement; a later outcome of the runner is then ignored (the runner drops its result table).
 *
 * <p>Thread-safety: the request fields are immutable; the state is guarded by this object's
 * monitor.
 */
final class Execution {
  enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  /** A consistent copy of the mutable state, for rendering. */
  record Snapshot(
      State state,
      String reason,
      AthenaFailure failure,
      Instant started,
      Instant completed,
      QueryResult result) {}

  final String id;
  final String query;
  final List<String> parameters;
  final String database;
  final String catalog;
  final String workGroup;
  final String outputLocation;
  final StatementKind kind;
  final Instant submitted;

  /** The result reuse age the start asked for, or null when it did not enable reuse. */
  final Duration reuseMaxAge;

  /** The execution whose result this one reuses (it never ran), or null. */
  final Execution reusedFrom;

  private State state = State.QUEUED;
  private String reason;
  private AthenaFailure failure;
  private Instant started;
  private Instant completed;
  private QueryResult result;
  private Statement statement;

  Execution(
      String id,
      String query,
      List<String> parameters,
      String database,
      String catalog,
      String workGroup,
      String outputLocation,
      StatementKind kind,
      Instant submitted,
      Duration reuseMaxAge,
      Execution reusedFrom) {
    this.id = id;
    this.query = query;
    this.parameters = List.copyOf(parameters);
    this.database = database;
    this.catalog = catalog;
    this.workGroup = workGroup;
    this.outputLocation = outputLocation;
    this.kind = kind;
    this.submitted = submitted;
    this.reuseMaxAge = reuseMaxAge;
    this.reusedFrom = reusedFrom;
  }

  /**
   * @return this (not yet started) execution, reusing the previous one's result instead of running
   */
  Execution reusing(Execution previous) {
    return new Execution(
        id,
        query,
        parameters,
        database,
        catalog,
        workGroup,
        outputLocation,
        kind,
        submitted,
        reuseMaxAge,
        previous);
  }

  /** Ends a reusing execution at once with the previous execution's result. */
  synchronized void reuse(Instant now) {
    if (reusedFrom != null && state == State.QUEUED) {
      state = State.SUCCEEDED;
      result = reusedFrom.snapshot().result();
      started = now;
      completed = now;
    }
  }

  /**
   * @return the S3 URI of the result object: a reusing execution points to the previous one's
   */
  String resultObject() {
    if (reusedFrom != null) {
      return reusedFrom.resultObject();
    }
    String suffix = kind.isSelect() || kind.returnsUpdateCount() ? ".csv" : ".txt";
    return outputLocation + id + suffix;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(state, reason, failure, started, completed, result);
  }

  synchronized boolean isTerminal() {
    return state != State.QUEUED && state != State.RUNNING;
  }

  /**
   * @return false when the query was cancelled while queued
   */
  synchronized boolean markRunning(Instant now) {
    if (state != State.QUEUED) {
      return false;
    }
    state = State.RUNNING;
    started = now;
    return true;
  }

  /**
   * @return false when a stop came first: the caller must not execute
   */
  synchronized boolean attach(Statement s) {
    statement = s;
    return state == State.RUNNING;
  }

  /**
   * @return false when the query was already cancelled: the result is to be discarded
   */
  synchronized boolean succeed(QueryResult r, Instant now) {
    statement = null;
    if (state != State.RUNNING) {
      return false;
    }
    state = State.SUCCEEDED;
    result = r;
    completed = now;
    return true;
  }

  synchronized void fail(AthenaFailure f, Instant now) {
    statement = null;
    if (state == State.RUNNING || state == State.QUEUED) {
      state = State.FAILED;
      failure = f;
      reason = f.message();
      completed = now;
      started = started == null ? now : started;
    }
  }

  /** Stops the query; a no-op once it is terminal (as Athena's StopQueryExecution). */
  void cancel(Instant now) {
    Statement running;
    synchronized (this) {
      if (isTerminal()) {
        return;
      }
      state = State.CANCELLED;
      reason = "Query cancelled by user";
      completed = now;
      started = started == null ? now : started;
      running = statement;
    }
    if (running != null) {
      try {
        running.cancel();
      } catch (SQLException e) {
        // The statement finished or closed meanwhile: nothing left to interrupt.
      }
    }
  }
}
