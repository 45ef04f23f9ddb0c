package dev.athenaws.lambda.sfn;

import dev.athenaws.AthenaSettings;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.retry.RetryingBuilder;
import dev.athenaws.notify.Connection;
import dev.athenaws.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Starts the orchestrated mode of a client's query: one execution of a Step Functions Standard
 * state machine, which runs the query with {@code StartQueryExecution.sync} and has the results
 * pushed to the client's connection.
 *
 * <h2>Execution input</h2>
 *
 * A JSON object, read by the state machine and the push Lambda. Only ids travel, never rows:
 *
 * <pre>{@code
 * {
 *   "connection": {
 *     "connectionId": "L0SM9cOFvHcCIhw=",
 *     "apiId": "abcdef1234",        // null when only an endpoint override is known
 *     "region": "eu-west-1",        // null when only an endpoint override is known
 *     "stage": "dev",               // null when only an endpoint override is known
 *     "endpoint": "https://ws.example.com/dev"  // present only when the connection has an override
 *   },
 *   "requestId": "r-1",             // omitted when the client gave none
 *   "query": {"name": "top_sales", "parameters": {"limit": 10, "region": "EU", "all": false}},
 *       // or, for a rendered statement ("name" only when bound from the catalog):
 *       // {"name": "top_sales", "sql": "SELECT ... WHERE a = ?", "executionParameters": ["'EU'"],
 *       //  "resultReuseConfiguration": {"ResultReuseByAgeConfiguration":
 *       //      {"Enabled": true, "MaxAgeInMinutes": 60}}}
 *       //  (Athena's shape, passed on as is; {"Enabled": false} alone when reuse is off; the
 *       //   statement's own age wins over Builder#resultReuseMaxAge)
 *       // or, for a query already running in Athena (a hand-off):
 *       // {"name": "top_sales", "queryExecutionId": "a1b2...",
 *       //  "continuation": {"nextToken": "...", "pageNumber": 3, "nextSeq": 7,
 *       //                   "rowsSoFar": 2000, "chunksSoFar": 7}}
 *       //  (nextToken omitted when publishing has not begun)
 *   "clientRequestToken": "<64 hex>" // RequestKey.clientRequestToken(): makes the state machine's
 *                                    // StartQueryExecution idempotent as well
 * }
 * }</pre>
 *
 * Named-query parameters are sorted by name; decimals are JSON numbers in plain notation with their
 * scale ({@code 1E+3} is written {@code 1000}, {@code 0.10} stays {@code 0.10}); strings, booleans
 * and null as themselves. The input is at most 256 KiB of UTF-8, Step Functions' limit.
 *
 * <h2>Idempotency</h2>
 *
 * The execution name is {@link RequestKey#executionName()}, so a retried or resent request finds
 * the execution of the first one: Step Functions answers a start with the same name and the same
 * input with the running execution. Once that execution has closed, Step Functions refuses the name
 * whatever the input, and a closed execution would answer nobody: the starter (after checking with
 * {@code DescribeExecution} that the input is the same) starts the request again as {@code
 * <name>-1}, {@code <name>-2}, ... (the first not closed; at most 9 times, then BAD_REQUEST), whose
 * Athena start reuses the request's {@code ClientRequestToken} and so sends the same query's
 * results again. The same name with another input means a client reused its request id for a
 * different query (BAD_REQUEST).
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #start} throws {@link NullPointerException}, {@link
 * IllegalArgumentException} (before any call) and {@link AthenaWsException} as documented on it;
 * the builder's setters throw at once for a bad value and {@link Builder#build()} throws {@link
 * IllegalStateException} without a state machine ARN.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution</a>
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html">Athena
 *     integration</a>
 */
public interface StepFunctionsStarter {
  /**
   * Starts (or finds) the execution of one client request.
   *
   * @param connection where results go, not null
   * @param requestId the client's request id, or null
   * @param query what to run, not null: {@link QuerySpec.Rendered} for a statement
   * @param key the request's idempotency key, not null
   * @return the execution ARN
   * @throws NullPointerException if connection, query or key is null
   * @throws IllegalArgumentException if the input would exceed 256 KiB (before any call)
   * @throws ThrottledException (code {@code ATHENA_BUSY}, service {@code STEP_FUNCTIONS}) when Step
   *     Functions keeps throttling, answering 5xx or cannot be reached after the retry bound: the
   *     same exception as a busy Athena's
   * @throws AthenaWsException {@code BAD_REQUEST} when the request id was reused for a different
   *     query; {@code INTERNAL} when Step Functions rejects the start (missing state machine,
   *     denied access: a configuration problem) or the thread is interrupted
   */
  String start(Connection connection, String requestId, QuerySpec query, RequestKey key);

  /**
   * As {@link #start(Connection, String, QuerySpec, RequestKey)}, for a client that asked for its
   * rows by link: the input gets {@code "delivery":"link"}, which the push task passes to {@code
   * Resumption.Builder.delivery}. For {@link Delivery#ROWS} the input is unchanged.
   *
   * @param connection where results go, not null
   * @param requestId the client's request id, or null
   * @param query what to run, not null
   * @param key the request's idempotency key, not null
   * @param delivery how the client asked for the rows, not null
   * @return the execution ARN
   * @throws NullPointerException if connection, query, key or delivery is null
   * @throws IllegalArgumentException as the other
   * @throws AthenaWsException as the other
   */
  default String start(
      Connection connection, String requestId, QuerySpec query, RequestKey key, Delivery delivery) {
    if (java.util.Objects.requireNonNull(delivery, "delivery") != Delivery.ROWS) {
      throw new UnsupportedOperationException("this starter delivers rows only");
    }
    return start(connection, requestId, query, key);
  }

  /**
   * @param client the Step Functions client; it should not retry by itself (the starter's bounded
   *     loop does), e.g. built with {@code AwsRetryStrategy.doNotRetry()}
   * @return a builder of the starter over that client
   * @throws NullPointerException if client is null
   */
  static Builder builder(SfnClient client) {
    return new Builder(client);
  }

  /**
   * Configures a starter. Required: {@link #stateMachineArn}. Defaults: the retry defaults of
   * {@link RetryingBuilder} ({@link RetryPolicy#THROTTLING}: 5 {@code StartExecution} calls per
   * start). Setters throw {@link NullPointerException} for null and {@link
   * IllegalArgumentException} for a bad value, naming the parameter.
   *
   * <p>Thread-safety: not thread-safe; the starter it builds is.
   */
  final class Builder extends RetryingBuilder<Builder> {
    private static final Pattern ARN =
        Pattern.compile(
            "arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

    private final SfnClient client;
    private String stateMachineArn;
    private Duration resultReuseMaxAge;

    private Builder(SfnClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Sets the state machine to start (required).
     *
     * @param arn the Standard state machine's ARN, e.g. {@code
     *     arn:aws:states:eu-west-1:123456789012:stateMachine:athena-ws}
     * @return this builder
     * @throws IllegalArgumentException if it is not a state machine ARN
     */
    public Builder stateMachineArn(String arn) {
      Objects.requireNonNull(arn, "stateMachineArn");
      if (!ARN.matcher(arn).matches()) {
        throw new IllegalArgumentException("stateMachineArn is not a state machine ARN: " + arn);
      }
      this.stateMachineArn = arn;
      return this;
    }

    /**
     * Sets the deployment's result reuse age, sent for statements without their own (default: off,
     * as {@code AthenaSettings.resultReuseMaxAge}).
     *
     * @param maxAge whole minutes from 1 to 10080, or null for no reuse
     * @return this builder
     * @throws IllegalArgumentException if it is not whole minutes from 1 to 10080
     */
    public Builder resultReuseMaxAge(Duration maxAge) {
      AthenaSettings.builder().resultReuseMaxAge(maxAge); // the same validation
      this.resultReuseMaxAge = maxAge;
      return this;
    }

    /**
     * @return the starter
     * @throws IllegalStateException if no state machine ARN was set
     */
    public StepFunctionsStarter build() {
      if (stateMachineArn == null) {
        throw new IllegalStateException("stateMachineArn is required");
      }
      return new SfnStarter(client, stateMachineArn, retrier(), resultReuseMaxAge);
    }
  }

  /**
   * Stops the running executions of one delivery (a client's {@code cancel}): those named after the
   * request key ({@code <key>}, {@code <key>-1}, ...). Best effort: a failure is logged.
   *
   * @param requestKey the delivery's request key, 64 hex characters, not null
   * @return true when one was running and was stopped
   */
  default boolean stop(String requestKey) {
    return false;
  }

  /**
   * Whether an execution was stopped ({@code ABORTED}): what a push task asks about its own.
   *
   * @param executionArn the execution, not null
   * @return true when Step Functions reports it ABORTED; false otherwise or when it cannot tell
   */
  default boolean aborted(String executionArn) {
    return false;
  }
}
