package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link Definition} the way Step Functions does, for the states and fields the definition
 * may use (see docs/local.md): input and output processing (InputPath, Parameters, ResultSelector,
 * ResultPath, OutputPath), Choice, Pass, Succeed, Fail, Retry and Catch. Task work is delegated to
 * a {@link Tasks}. Waits between retries go through the injected sleeper, and the execution's
 * TimeoutSeconds is checked against the injected clock between states.
 *
 * <p>Error matching follows the Step Functions error-handling rules: {@code States.ALL} matches any
 * error, {@code States.TaskFailed} any but {@code States.Timeout}; {@code States.Runtime} (a broken
 * path, a wrong ResultPath) is neither retried nor caught and fails the execution.
 *
 * <p>Thread-safety: thread-safe; each {@link #run} works on its own data.
 */
final class Interpreter {
  /** The work of Task states. */
  interface Tasks {
    /**
     * Runs a task.
     *
     * @param task the state
     * @param input the effective input (after InputPath and Parameters)
     * @param deadline when the task times out ({@code States.Timeout}), null for never
     * @param stop the execution's StopExecution: waits go through it
     * @return the task's result
     * @throws WorkflowFailure the task's error
     * @throws StopSignal.Stopped when the execution is stopped during a wait of the task
     * @throws InterruptedException when the local stack shuts down
     */
    JsonNode run(AslState.Task task, JsonNode input, Instant deadline, StopSignal stop)
        throws WorkflowFailure, StopSignal.Stopped, InterruptedException;
  }

  private static final JsonPath ROOT = JsonPath.compile("$");

  private final Definition definition;
  private final Tasks tasks;
  private final Clock clock;
  private final Sleeper sleeper;

  Interpreter(Definition definition, Tasks tasks, Clock clock, Sleeper sleeper) {
    this.definition = definition;
    this.tasks = tasks;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Runs an execution to its end, or until it is stopped: no state starts after a stop, and the
   * result or error of a task that returns after it is discarded.
   *
   * @param context the execution's context object ({@code $$} paths)
   * @param stop the execution's StopExecution
   * @return the execution's output
   * @throws WorkflowFailure when the execution fails, with its error and cause
   * @throws StopSignal.Stopped when the execution was stopped
   * @throws InterruptedException when the local stack shuts down
   */
  JsonNode run(JsonNode input, ContextObject context, StopSignal stop)
      throws WorkflowFailure, StopSignal.Stopped, InterruptedException {
    Instant deadline =
        definition.timeout() == null ? null : clock.instant().plus(definition.timeout());
    String current = definition.startAt();
    JsonNode data = input.deepCopy();
    while (true) {
      stop.check();
      checkDeadline(deadline);
      AslState state = definition.states().get(current);
      JsonNode ctx = context.forState(current, clock.instant());
      if (state instanceof AslState.Pass p) {
        JsonNode in = input(p.io(), data, p.name());
        JsonNode result =
            p.parameters() != null
                ? p.parameters().apply(in, ctx, p.name())
                : p.result() != null ? p.result().deepCopy() : in;
        data = output(p.io(), data, result, p.name());
        if (p.next() == null) {
          return data;
        }
        current = p.next();
      } else if (state instanceof AslState.Choice c) {
        JsonNode in = input(c.io(), data, c.name());
        current = choose(c, in);
        data = select(c.io().outputPath(), in, c.name());
      } else if (state instanceof AslState.Succeed s) {
        return select(s.io().outputPath(), input(s.io(), data, s.name()), s.name());
      } else if (state instanceof AslState.Fail f) {
        throw fail(f, data);
      } else {
        AslState.Task t = (AslState.Task) state;
        Step step = task(t, data, ctx, deadline, stop);
        data = step.data();
        if (step.next() == null) {
          return data;
        }
        current = step.next();
      }
    }
  }

  private record Step(JsonNode data, String next) {}

  private Step task(
      AslState.Task t, JsonNode data, JsonNode ctx, Instant executionDeadline, StopSignal stop)
      throws WorkflowFailure, StopSignal.Stopped, InterruptedException {
    JsonNode in = input(t.io(), data, t.name());
    JsonNode effective = t.parameters() != null ? t.parameters().apply(in, ctx, t.name()) : in;
    Map<AslState.Retrier, Integer> retried = new HashMap<>();
    while (true) {
      Instant deadline =
          earliest(
              executionDeadline, t.timeout() == null ? null : clock.instant().plus(t.timeout()));
      JsonNode result;
      try {
        result = tasks.run(t, effective, deadline, stop);
      } catch (WorkflowFailure f) {
        // Stopped meanwhile: the error is discarded, no Retry or Catch runs.
        stop.check();
        checkDeadline(executionDeadline);
        if (f.error.equals("States.Runtime")) {
          throw f;
        }
        AslState.Retrier retrier = first(t.retry(), f.error);
        int done = retrier == null ? 0 : retried.getOrDefault(retrier, 0);
        if (retrier != null && done < retrier.maxAttempts()) {
          retried.put(retrier, done + 1);
          stop.sleep(sleeper, delay(retrier, done));
          continue;
        }
        for (AslState.Catcher c : t.catchers()) {
          if (matches(c.errors(), f.error)) {
            ObjectNode error = JsonNodeFactory.instance.objectNode().put("Error", f.error);
            if (f.cause != null) {
              error.put("Cause", f.cause);
            }
            return new Step(
                c.resultPath() == null ? data : Paths.place(data, c.resultPath(), error, t.name()),
                c.next());
          }
        }
        throw f;
      }
      // Stopped while the task ran (a Lambda function is not interrupted): its result is discarded.
      stop.check();
      if (t.resultSelector() != null) {
        result = t.resultSelector().apply(result, ctx, t.name());
      }
      return new Step(output(t.io(), data, result, t.name()), t.next());
    }
  }

  /** IntervalSeconds x BackoffRate^(retries so far). */
  static Duration delay(AslState.Retrier r, int retriesSoFar) {
    double millis = r.interval().toMillis() * Math.pow(r.backoffRate(), retriesSoFar);
    return Duration.ofMillis(Math.round(millis));
  }

  private static AslState.Retrier first(List<AslState.Retrier> retriers, String error) {
    for (AslState.Retrier r : retriers) {
      if (matches(r.errors(), error)) {
        return r;
      }
    }
    return null;
  }

  static boolean matches(List<String> names, String error) {
    return names.contains(error)
        || names.contains("States.ALL")
        || (names.contains("States.TaskFailed") && !error.equals("States.Timeout"));
  }

  private static String choose(AslState.Choice c, JsonNode in) throws WorkflowFailure {
    for (AslState.Rule r : c.rules()) {
      boolean hit =
          switch (r.operator()) {
            case "IsPresent" -> Paths.read(r.variable(), in).isPresent() == r.operand();
            default -> {
              JsonNode v = Paths.require(r.variable(), in, c.name());
              yield v.isBoolean() && v.booleanValue() == r.operand();
            }
          };
      if (hit) {
        return r.next();
      }
    }
    if (c.defaultNext() == null) {
      throw new WorkflowFailure(
          "States.NoChoiceMatched", "No Choice Rules matched and no Default in '" + c.name() + "'");
    }
    return c.defaultNext();
  }

  private static WorkflowFailure fail(AslState.Fail f, JsonNode data) {
    String error = f.errorPath() == null ? f.error() : text(f.errorPath(), data);
    String cause = f.causePath() == null ? f.cause() : text(f.causePath(), data);
    return new WorkflowFailure(error == null ? "States.Fail" : error, cause);
  }

  private static String text(JsonPath path, JsonNode data) {
    return Paths.read(path, data).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
  }

  private static JsonNode input(AslState.Io io, JsonNode raw, String name) throws WorkflowFailure {
    return select(io.inputPath(), raw, name);
  }

  /** ResultPath onto the raw input, then OutputPath. */
  private static JsonNode output(AslState.Io io, JsonNode raw, JsonNode result, String name)
      throws WorkflowFailure {
    JsonNode placed =
        io.resultPath() == null ? raw : Paths.place(raw, io.resultPath(), result, name);
    return select(io.outputPath(), placed, name);
  }

  private static JsonNode select(JsonPath path, JsonNode json, String name) throws WorkflowFailure {
    if (path == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    return path.getPath().equals(ROOT.getPath()) ? json : Paths.require(path, json, name);
  }

  private void checkDeadline(Instant deadline) throws WorkflowFailure {
    if (deadline != null && !clock.instant().isBefore(deadline)) {
      throw new WorkflowFailure("States.Timeout", "The execution timed out");
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
