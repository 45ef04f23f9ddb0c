package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.local.athena.EmulatorResponse;
import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * A Step Functions-compatible endpoint (AWS JSON 1.0, {@code X-Amz-Target: AWSStepFunctions.<op>})
 * for one state machine, whose Amazon States Language definition it interprets ({@link
 * Interpreter}): the same definition the CDK app deploys. {@code StartExecution} runs it
 * in-process; {@code DescribeExecution} reports executions; {@code StopExecution} aborts a running
 * one. Start is idempotent by name as in Step Functions: the same name and input answer the running
 * execution; a name already used otherwise is {@code ExecutionAlreadyExists}. Sources and the
 * behaviour of each operation in docs/local.md.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class StepFunctionsEmulator implements AutoCloseable {
  /** The content type of AWS JSON 1.0 answers. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "AWSStepFunctions.";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final int MAX_INPUT = 256 * 1024;
  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:execution:[^:]+:[^:]+");

  private final String stateMachineArn;
  private final Interpreter interpreter;
  private final Clock clock;
  private final Map<String, Execution> executions = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final AtomicInteger busy = new AtomicInteger();

  /**
   * Parses the definition and prepares the endpoint.
   *
   * @param stateMachineArn the ARN of the one state machine this endpoint runs
   * @param definition its Amazon States Language definition (JSON)
   * @param athena the client of the {@code athena:startQueryExecution.sync} tasks
   * @param functions the Lambda functions Task states may name, by ARN
   * @param settings the functions' timeout and the {@code .sync} poll interval
   * @param clock the time of executions, timeouts and the functions' remaining time
   * @param sleeper the waits of Retry and of the {@code .sync} polling
   * @throws DefinitionException when the definition uses a state type, field, resource, operator or
   *     intrinsic function the interpreter does not support, naming the state and the field
   */
  public StepFunctionsEmulator(
      String stateMachineArn,
      String definition,
      AthenaClient athena,
      Map<String, LocalFunction> functions,
      WorkflowSettings settings,
      Clock clock,
      Sleeper sleeper) {
    this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Definition parsed =
        Definition.parse(Objects.requireNonNull(definition, "definition"), functions.keySet());
    this.interpreter =
        new Interpreter(
            parsed,
            new LocalTasks(
                new AthenaSyncTask(athena, clock, sleeper, settings.pollInterval()),
                functions,
                settings.functionTimeout(),
                clock),
            clock,
            sleeper);
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sfn-execution-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Handles one AWS JSON 1.0 request; never throws for bad input.
   *
   * @param target the {@code X-Amz-Target} header
   * @param body the request body
   * @return the answer: 200 with the operation's output, or 400 with {@code __type} and message
   */
  public EmulatorResponse handle(String target, byte[] body) {
    String op =
        target != null && target.startsWith(PREFIX) ? target.substring(PREFIX.length()) : "";
    JsonNode in;
    try {
      in = JSON.readTree(body);
    } catch (IOException e) {
      return error("SerializationException", "the request body is not JSON");
    }
    if (in == null || !in.isObject()) {
      return error("SerializationException", "the request body must be a JSON object");
    }
    return switch (op) {
      case "StartExecution" -> start(in);
      case "DescribeExecution" -> describe(in);
      case "StopExecution" -> stop(in);
      default -> error("UnknownOperationException", "operation not supported here: " + target);
    };
  }

  /**
   * @return the number of executions still running
   */
  public long running() {
    return executions.values().stream().filter(e -> "RUNNING".equals(e.status())).count();
  }

  /** Executions whose thread still runs: a stopped one may still be finishing a Lambda task. */
  int busy() {
    return busy.get();
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private EmulatorResponse start(JsonNode in) {
    String arn = in.path("stateMachineArn").asText("");
    if (!stateMachineArn.equals(arn)) {
      return error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    String name = in.hasNonNull("name") ? in.path("name").asText() : UUID.randomUUID().toString();
    if (!NAME.matcher(name).matches()) {
      return error("InvalidName", "Invalid Name: '" + name + "'");
    }
    String input = in.hasNonNull("input") ? in.path("input").asText() : "{}";
    if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT) {
      return error("InvalidExecutionInput", "Input exceeds the 262144 byte limit");
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(input);
    } catch (IOException e) {
      return error("InvalidExecutionInput", "Invalid State Machine Execution Input: not JSON");
    }
    if (parsed == null || !parsed.isObject()) {
      return error("InvalidExecutionInput", "Invalid State Machine Execution Input: not an object");
    }
    String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    Execution fresh = new Execution(executionArn, name, input, clock.instant());
    Execution existing = executions.putIfAbsent(executionArn, fresh);
    if (existing != null) {
      if (existing.input.equals(input) && "RUNNING".equals(existing.status())) {
        return ok(startOutput(existing));
      }
      return error("ExecutionAlreadyExists", "Execution Already Exists: '" + executionArn + "'");
    }
    busy.incrementAndGet();
    workers.execute(() -> run(fresh, (ObjectNode) parsed));
    return ok(startOutput(fresh));
  }

  private void run(Execution execution, ObjectNode input) {
    ContextObject context =
        new ContextObject(
            execution.arn, execution.name, input, execution.startDate, stateMachineArn);
    try {
      execution.succeeded(
          interpreter.run(input, context, execution.stop).toString(), clock.instant());
    } catch (StopSignal.Stopped s) {
      LOG.info("execution {} stopped", execution.name);
    } catch (WorkflowFailure f) {
      LOG.info("execution {} failed: {}", execution.name, f.error);
      execution.failed(f.error, f.cause, clock.instant());
    } catch (InterruptedException e) {
      execution.failed("States.Runtime", "the local stack shut down", clock.instant());
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("execution {} broke: {}", execution.name, e.toString());
      execution.failed("States.Runtime", e.getClass().getSimpleName(), clock.instant());
    } finally {
      busy.decrementAndGet();
    }
  }

  /**
   * StopExecution (Step Functions API reference): a running execution becomes ABORTED with the
   * caller's error and cause; one already ended is left as it is and the call still succeeds (the
   * API has no error for it). The answer is {@code stopDate}.
   */
  private EmulatorResponse stop(JsonNode in) {
    EmulatorResponse invalid = checkArn(in);
    if (invalid != null) {
      return invalid;
    }
    String error = in.hasNonNull("error") ? in.get("error").asText() : null;
    String cause = in.hasNonNull("cause") ? in.get("cause").asText() : null;
    if ((error != null && error.length() > 256) || (cause != null && cause.length() > 32768)) {
      return error(
          "ValidationException", "error must be at most 256 and cause at most 32768 characters");
    }
    Execution e = executions.get(in.get("executionArn").asText());
    if (e == null) {
      return notFound(in);
    }
    Instant now = clock.instant();
    if (e.abort(error, cause, now)) {
      LOG.info("execution {} stop requested", e.name);
    }
    return ok(JSON.createObjectNode().put("stopDate", seconds(now)));
  }

  /** InvalidArn for a missing or malformed execution ARN, else null. */
  private static EmulatorResponse checkArn(JsonNode in) {
    String arn = in.path("executionArn").asText("");
    return EXECUTION_ARN.matcher(arn).matches()
        ? null
        : error("InvalidArn", "Invalid Arn: '" + arn + "'");
  }

  private static EmulatorResponse notFound(JsonNode in) {
    return error(
        "ExecutionDoesNotExist",
        "Execution Does Not Exist: '" + in.path("executionArn").asText("") + "'");
  }

  private EmulatorResponse describe(JsonNode in) {
    EmulatorResponse invalid = checkArn(in);
    if (invalid != null) {
      return invalid;
    }
    Execution e = executions.get(in.path("executionArn").asText(""));
    if (e == null) {
      return notFound(in);
    }
    ObjectNode out =
        JSON.createObjectNode()
            .put("executionArn", e.arn)
            .put("stateMachineArn", stateMachineArn)
            .put("name", e.name)
            .put("status", e.status())
            .put("startDate", seconds(e.startDate))
            .put("input", e.input);
    if (e.stopDate() != null) {
      out.put("stopDate", seconds(e.stopDate()));
    }
    if (e.output() != null) {
      out.put("output", e.output());
    }
    if (e.error() != null) {
      out.put("error", e.error());
    }
    if (e.cause() != null) {
      out.put("cause", e.cause());
    }
    return ok(out);
  }

  private static ObjectNode startOutput(Execution e) {
    return JSON.createObjectNode()
        .put("executionArn", e.arn)
        .put("startDate", seconds(e.startDate));
  }

  private static double seconds(Instant i) {
    return i.toEpochMilli() / 1000.0;
  }

  private static EmulatorResponse ok(ObjectNode out) {
    return new EmulatorResponse(200, CONTENT_TYPE, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static EmulatorResponse error(String type, String message) {
    String body = JSON.createObjectNode().put("__type", type).put("message", message).toString();
    return new EmulatorResponse(400, CONTENT_TYPE, body.getBytes(StandardCharsets.UTF_8));
  }
}
