package dev.athenaws.lambda.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one definition of the push workflow, in the Amazon States Language: the deployed state
 * machine (examples/cdk) and the local stack's Step Functions endpoint (examples/local) both run
 * the JSON this class writes, so a wiring mistake in it fails the local end-to-end tests too.
 *
 * <pre>
 * Note execution (execution.arn from $$.Execution.Id)
 *   v
 * Already started? --query.queryExecutionId present-------------------------+
 *   | no                                                                    v
 * Has parameters? -> Start query [with parameters] (.sync) -> Lift query id -> Push results
 *                                                                  ^           |
 *                                                                  +-- More pages? --> Done
 * any Catch (States.ALL -> $.error) -> Report error (the push handler posts "error") -> Failed
 * </pre>
 *
 * <p>It lives here, next to {@code PushResultsHandler}, because it encodes that handler's input and
 * output contract (the execution input, {@code queryExecutionId} at the top level, {@code done}, a
 * caught error under {@code error}); it is written in Java rather than kept as a resource file so
 * that the deploy-time values (work group, database, catalog, timeout, function ARN) are typed
 * inputs and every caller gets the same JSON. The build checks the output against the Amazon States
 * Language with the npm {@code asl-validator} (lambda-adapter/asl-check).
 *
 * <p>The start states pass {@code QueryExecutionContext} ({@code Database}, and {@code Catalog}
 * when one is given), so unqualified table names resolve in the configured database as they do for
 * the route handler (StartQueryExecution API reference, QueryExecutionContext).
 *
 * <p>Immutable; thread-safe.
 *
 * @param partition the ARN partition of the Step Functions integration resource ({@code aws}, or a
 *     CDK token such as {@code Aws.PARTITION})
 * @param pushFunctionArn the push function's ARN, or a placeholder such as {@link
 *     #PUSH_FUNCTION_PLACEHOLDER} that the deployment substitutes (CloudFormation {@code
 *     DefinitionSubstitutions})
 * @param workGroup the Athena work group of started queries
 * @param database the database unqualified table names resolve in
 * @param catalog the data catalog, when the default of the work group should not be used
 * @param queryTimeout the start states' {@code TimeoutSeconds}: Step Functions stops the query
 *     after it
 */
public record PushWorkflowDefinition(
    String partition,
    String pushFunctionArn,
    String workGroup,
    String database,
    Optional<String> catalog,
    Duration queryTimeout) {

  /**
   * The placeholder a CDK or CloudFormation deployment substitutes with the push function's ARN.
   */
  public static final String PUSH_FUNCTION_PLACEHOLDER = "${PushResultsFunctionArn}";

  /** Time the whole execution gets beyond the query timeout: for pushing the results. */
  public static final Duration PUSH_ALLOWANCE = Duration.ofMinutes(30);

  /** Where a Catch puts the error; the push handler recognises it and tells the client. */
  public static final String ERROR_PATH = "$.error";

  /** The name of the first state: it puts the execution's ARN into the state. */
  public static final String NOTE_EXECUTION = "Note execution";

  /** The state that tells a running query from one to start. */
  public static final String ALREADY_STARTED = "Already started?";

  /** The state that chooses between the two start states. */
  public static final String HAS_PARAMETERS = "Has parameters?";

  /** The start state for a query with {@code ExecutionParameters}. */
  public static final String START_WITH_PARAMETERS = "Start query with parameters";

  /** The start state for a query without parameters (Athena rejects an empty list). */
  public static final String START = "Start query";

  /** The Pass state that lifts the query id to the top level. */
  public static final String LIFT_QUERY_ID = "Lift query id";

  /** The push task. */
  public static final String PUSH_RESULTS = "Push results";

  /** The loop's Choice. */
  public static final String MORE_PAGES = "More pages?";

  /** The Succeed state. */
  public static final String DONE = "Done";

  /** The task that tells the client about a caught error. */
  public static final String REPORT_ERROR = "Report error";

  /** The Fail state. */
  public static final String FAILED = "Failed";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Validates every field.
   *
   * @param partition the ARN partition of the integration resource
   * @param pushFunctionArn the push function's ARN or a placeholder
   * @param workGroup the Athena work group
   * @param database the database
   * @param catalog the data catalog, if one is named
   * @param queryTimeout the longest wait for a query
   * @throws NullPointerException when a field is null
   * @throws IllegalArgumentException when a text is blank or the timeout is not positive
   */
  public PushWorkflowDefinition {
    requireText(partition, "partition");
    requireText(pushFunctionArn, "pushFunctionArn");
    requireText(workGroup, "workGroup");
    requireText(database, "database");
    Objects.requireNonNull(catalog, "catalog");
    catalog.ifPresent(c -> requireText(c, "catalog"));
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("queryTimeout: at least one second, got " + queryTimeout);
    }
  }

  /**
   * A definition in the standard {@code aws} partition.
   *
   * @param pushFunctionArn the push function's ARN or a placeholder
   * @param workGroup the Athena work group
   * @param database the database
   * @param catalog the data catalog, if one is named
   * @param queryTimeout the longest wait for a query
   * @return the definition
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when a text is blank or the timeout is not positive
   */
  public static PushWorkflowDefinition inAws(
      String pushFunctionArn,
      String workGroup,
      String database,
      Optional<String> catalog,
      Duration queryTimeout) {
    return new PushWorkflowDefinition(
        "aws", pushFunctionArn, workGroup, database, catalog, queryTimeout);
  }

  /**
   * The definition as a JSON tree.
   *
   * @return a fresh tree the caller may change
   */
  public ObjectNode toTree() {
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "Comment",
        "athena-ws push workflow: start the query (.sync), then push its results "
            + "page by page to the WebSocket connection");
    root.put("StartAt", NOTE_EXECUTION);
    // Standard workflows only (.sync); the execution ends even if a push loop never does.
    root.put("TimeoutSeconds", queryTimeout.plus(PUSH_ALLOWANCE).toSeconds());
    ObjectNode states = root.putObject("States");
    // The push task asks Step Functions about its own execution (DescribeExecution) to learn that
    // a client's cancel stopped it: the ARN comes from the context object ($$.Execution.Id) and
    // travels in the state as execution.arn.
    ObjectNode note = states.putObject(NOTE_EXECUTION).put("Type", "Pass");
    note.putObject("Parameters").put("arn.$", "$$.Execution.Id");
    note.put("ResultPath", "$.execution").put("Next", ALREADY_STARTED);
    // Inline mode hands off a query it already started.
    choice(
        states.putObject(ALREADY_STARTED),
        "$.query.queryExecutionId",
        PUSH_RESULTS,
        HAS_PARAMETERS);
    // Athena rejects an empty ExecutionParameters list: a query without any takes the other state.
    choice(
        states.putObject(HAS_PARAMETERS),
        "$.query.executionParameters[0]",
        START_WITH_PARAMETERS,
        START);
    start(states.putObject(START_WITH_PARAMETERS), true);
    start(states.putObject(START), false);
    // The .sync result, reduced to the id by ResultSelector, lifted to the top level where the push
    // handler (and inline mode's hand-off input) have it.
    ObjectNode lift = states.putObject(LIFT_QUERY_ID).put("Type", "Pass");
    lift.putObject("Parameters").put("state.$", "States.JsonMerge($, $.started, false)");
    lift.put("OutputPath", "$.state").put("Next", PUSH_RESULTS);
    // The function ARN as Resource: the whole state is the payload, the function's result the
    // state (on later rounds its own continuation: ids and tokens only, never rows).
    ObjectNode push =
        states
            .putObject(PUSH_RESULTS)
            .put("Type", "Task")
            .put("Resource", pushFunctionArn)
            .put("Next", MORE_PAGES);
    lambdaRetry(push);
    catchInto(push);
    ObjectNode more = states.putObject(MORE_PAGES).put("Type", "Choice");
    more.putArray("Choices")
        .addObject()
        .put("Variable", "$.done")
        .put("BooleanEquals", false)
        .put("Next", PUSH_RESULTS);
    more.put("Default", DONE);
    states.putObject(DONE).put("Type", "Succeed");
    // The whole state, with the caught {"Error","Cause"} under "error", goes to the push handler;
    // its result is discarded so that Failed still finds the error.
    ObjectNode report =
        states
            .putObject(REPORT_ERROR)
            .put("Type", "Task")
            .put("Resource", pushFunctionArn)
            .putNull("ResultPath")
            .put("Next", FAILED);
    lambdaRetry(report);
    states
        .putObject(FAILED)
        .put("Type", "Fail")
        .put("ErrorPath", "$.error.Error")
        .put("CausePath", "$.error.Cause");
    return root;
  }

  /**
   * The definition as JSON text.
   *
   * @return pretty-printed JSON, the same for equal definitions
   */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of text and numbers always serializes
    }
  }

  private void start(ObjectNode state, boolean withParameters) {
    state.put("Type", "Task");
    state.put("Resource", "arn:" + partition + ":states:::athena:startQueryExecution.sync");
    ObjectNode p = state.putObject("Parameters");
    p.put("QueryString.$", "$.query.sql");
    if (withParameters) {
      p.put("ExecutionParameters.$", "$.query.executionParameters");
    }
    // Result reuse as the starter resolved it (the named query's age, else the deployment's):
    // always in the input, {"Enabled": false} when off.
    p.put("ResultReuseConfiguration.$", "$.query.resultReuseConfiguration");
    // Idempotent start: a retried state gets the same QueryExecutionId back.
    p.put("ClientRequestToken.$", "$.clientRequestToken");
    p.put("WorkGroup", workGroup);
    ObjectNode context = p.putObject("QueryExecutionContext").put("Database", database);
    catalog.ifPresent(c -> context.put("Catalog", c));
    // Only the id is kept of the GetQueryExecution answer (state payloads are capped at 256 KiB).
    state
        .putObject("ResultSelector")
        .put("queryExecutionId.$", "$.QueryExecution.QueryExecutionId");
    state.put("ResultPath", "$.started");
    // On timeout Step Functions stops the query (the .sync pattern cancels the job it started).
    state.put("TimeoutSeconds", queryTimeout.toSeconds());
    ObjectNode retry = state.putArray("Retry").addObject();
    // Athena's StartQueryExecution quota and concurrent-query limit, transient faults.
    retry
        .putArray("ErrorEquals")
        .add("Athena.TooManyRequestsException")
        .add("Athena.InternalServerException");
    retry.put("IntervalSeconds", 2).put("MaxAttempts", 5).put("BackoffRate", 2);
    catchInto(state);
    state.put("Next", LIFT_QUERY_ID);
  }

  /**
   * Lambda's own transient errors, retried as the Step Functions developer guide recommends for
   * Lambda tasks ("Handle transient Lambda service exceptions"); the function's errors are not.
   */
  private static void lambdaRetry(ObjectNode state) {
    ObjectNode retry = state.putArray("Retry").addObject();
    retry
        .putArray("ErrorEquals")
        .add("Lambda.ClientExecutionTimeoutException")
        .add("Lambda.ServiceException")
        .add("Lambda.AWSLambdaException")
        .add("Lambda.SdkClientException");
    retry.put("IntervalSeconds", 2).put("MaxAttempts", 6).put("BackoffRate", 2);
  }

  private static void choice(ObjectNode state, String presentPath, String then, String otherwise) {
    state.put("Type", "Choice");
    state
        .putArray("Choices")
        .addObject()
        .put("Variable", presentPath)
        .put("IsPresent", true)
        .put("Next", then);
    state.put("Default", otherwise);
  }

  private static void catchInto(ObjectNode state) {
    ArrayNode catches = state.putArray("Catch");
    ObjectNode c = catches.addObject();
    c.putArray("ErrorEquals").add("States.ALL");
    c.put("ResultPath", ERROR_PATH).put("Next", REPORT_ERROR);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + ": blank");
    }
  }
}
