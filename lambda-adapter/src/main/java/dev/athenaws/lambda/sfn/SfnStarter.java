package dev.athenaws.lambda.sfn;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.retry.Interrupts;
import dev.athenaws.internal.retry.Retrier;
import dev.athenaws.notify.Connection;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.KmsThrottlingException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;

/**
 * {@link StepFunctionsStarter} over {@code StartExecution}. Throttling, 5xx and network failures
 * are retried with the injected {@link Retrier} (policy, sleeper, random source) up to its bound,
 * then given up with {@link ThrottledException}; always with the same name and input, so a start
 * that reached Step Functions before its answer was lost is found again rather than duplicated.
 * Other errors are terminal. Logs execution names and connection ids, never the input (it carries
 * the client's parameters).
 */
final class SfnStarter implements StepFunctionsStarter {
  private static final Logger LOG = LoggerFactory.getLogger(SfnStarter.class);

  static final String REUSED = "request id reused for a different query";
  static final String REPEATED =
      "this request was already answered too often; send it with a new requestId";

  /**
   * How often a request whose execution has closed may be answered again, each time by a new
   * execution named {@code <key>-<n>} (66 characters at most, within the 80 allowed).
   */
  static final int MAX_REPLAYS = 9;

  static final String OPERATION = "StartExecution";

  /** The {@code error} of an execution stopped because its client cancelled the query. */
  static final String CANCEL_ERROR = "athena-ws.Cancelled";

  private final SfnClient client;
  private final String stateMachineArn;
  private final Retrier retrier;
  private final Duration reuseDefault;

  SfnStarter(SfnClient client, String stateMachineArn, Retrier retrier, Duration reuseDefault) {
    this.client = client;
    this.stateMachineArn = stateMachineArn;
    this.retrier = retrier;
    this.reuseDefault = reuseDefault;
  }

  @Override
  public String start(Connection connection, String requestId, QuerySpec query, RequestKey key) {
    return start(connection, requestId, query, key, Delivery.ROWS);
  }

  @Override
  public String start(
      Connection connection, String requestId, QuerySpec query, RequestKey key, Delivery delivery) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delivery, "delivery");
    String input = ExecutionInput.of(connection, requestId, query, key, delivery, reuseDefault);
    for (int replay = 0; ; replay++) {
      String name = replay == 0 ? key.executionName() : key.executionName() + "-" + replay;
      try {
        return startNamed(name, input, connection);
      } catch (ExecutionAlreadyExistsException e) {
        String running = existing(name, input, connection, e);
        if (running != null) {
          return running;
        }
        if (replay >= MAX_REPLAYS) {
          throw new AthenaWsException(ErrorCode.BAD_REQUEST, REPEATED, e);
        }
        // The same request again after its execution closed: Step Functions will not run that name
        // again (ExecutionAlreadyExists "regardless of input" once closed: StartExecution API
        // reference), so a new execution answers it; its Athena start reuses the request's
        // ClientRequestToken and finds the same query and its results.
        LOG.info(
            "execution {} for connection {} already closed: answering again",
            name,
            connection.id());
      }
    }
  }

  /**
   * Starts one execution, retrying throttling and 5xx with the same name and input.
   *
   * @throws ExecutionAlreadyExistsException when the name is taken (closed, or another input)
   */
  private String startNamed(String name, String input, Connection connection) {
    StartExecutionRequest request =
        StartExecutionRequest.builder()
            .stateMachineArn(stateMachineArn)
            .name(name)
            .input(input)
            .build();
    for (int attempt = 1; ; attempt++) {
      SdkException failure;
      try {
        String arn = client.startExecution(request).executionArn();
        LOG.info(
            "execution {} for connection {} started (attempt {})", name, connection.id(), attempt);
        return arn;
      } catch (ExecutionAlreadyExistsException e) {
        throw e;
      } catch (AwsServiceException e) {
        if (!retryable(e)) {
          throw rejected(e);
        }
        failure = e;
      } catch (AbortedException e) {
        throw Interrupts.cancelled("starting execution " + name, e);
      } catch (SdkClientException e) {
        failure = e;
      }
      if (retrier.exhausted(attempt)) {
        LOG.warn(
            "execution {} for connection {} not started after {} attempts",
            name,
            connection.id(),
            attempt);
        // The same exception as a busy Athena's (code ATHENA_BUSY): hosts branch on one type.
        throw new ThrottledException(
            ThrottledException.Service.STEP_FUNCTIONS,
            OPERATION,
            reason(failure),
            attempt,
            failure);
      }
      pause(attempt, name, failure);
    }
  }

  /**
   * Step Functions answers ExecutionAlreadyExists both for another input and, whatever the input,
   * once the first execution has closed. Comparing the stored input tells a repeat of the same
   * request from a reused request id; when the input cannot be read it is treated as reuse.
   *
   * @return the ARN of the same request's execution while it runs (it answers the client), or null
   *     when it has closed (nothing would answer the client: the caller starts another)
   * @throws AthenaWsException BAD_REQUEST when the name holds another input
   */
  private String existing(
      String name, String input, Connection connection, ExecutionAlreadyExistsException e) {
    String executionArn = executionArn(name);
    try {
      DescribeExecutionResponse existing =
          client.describeExecution(
              DescribeExecutionRequest.builder().executionArn(executionArn).build());
      if (input.equals(existing.input())) {
        LOG.info(
            "execution {} for connection {} exists ({})",
            name,
            connection.id(),
            existing.statusAsString());
        return ExecutionStatus.RUNNING == existing.status() ? existing.executionArn() : null;
      }
    } catch (SdkException describeFailure) {
      e.addSuppressed(describeFailure);
    }
    LOG.info("execution {} for connection {} exists with another input", name, connection.id());
    throw new AthenaWsException(ErrorCode.BAD_REQUEST, REUSED, e);
  }

  @Override
  public boolean stop(String requestKey) {
    Objects.requireNonNull(requestKey, "requestKey");
    boolean stopped = false;
    for (int replay = 0; replay <= MAX_REPLAYS; replay++) {
      String name = replay == 0 ? requestKey : requestKey + "-" + replay;
      String arn = executionArn(name);
      try {
        DescribeExecutionResponse d =
            client.describeExecution(DescribeExecutionRequest.builder().executionArn(arn).build());
        if (d.status() == ExecutionStatus.RUNNING) {
          client.stopExecution(
              StopExecutionRequest.builder()
                  .executionArn(arn)
                  .error(CANCEL_ERROR)
                  .cause("The client cancelled the query.")
                  .build());
          LOG.info("execution {} stopped: the client cancelled its query", name);
          stopped = true;
        }
      } catch (ExecutionDoesNotExistException e) {
        return stopped; // names are taken in order: no later one exists
      } catch (SdkException e) {
        LOG.warn("could not stop execution {}: {}", name, e.getClass().getSimpleName());
      }
    }
    return stopped;
  }

  @Override
  public boolean aborted(String executionArn) {
    try {
      return client
              .describeExecution(
                  DescribeExecutionRequest.builder().executionArn(executionArn).build())
              .status()
          == ExecutionStatus.ABORTED;
    } catch (SdkException e) {
      LOG.warn("could not read execution {}: {}", executionArn, e.getClass().getSimpleName());
      return false;
    }
  }

  private String executionArn(String name) {
    return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
  }

  private static boolean retryable(AwsServiceException e) {
    return isThrottle(e) || e.statusCode() >= 500;
  }

  private static ThrottledException.Reason reason(SdkException e) {
    if (isThrottle(e)) {
      return ThrottledException.Reason.THROTTLED;
    }
    return e instanceof AwsServiceException
        ? ThrottledException.Reason.SERVER_ERROR
        : ThrottledException.Reason.NETWORK;
  }

  private static boolean isThrottle(SdkException e) {
    return e instanceof KmsThrottlingException
        || e instanceof AwsServiceException s && s.isThrottlingException();
  }

  private AthenaWsException rejected(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    LOG.error("StartExecution of {} rejected: {} ({})", stateMachineArn, e.statusCode(), code);
    return new AthenaWsException(
        ErrorCode.INTERNAL, "cannot start state machine " + stateMachineArn + " (" + code + ")", e);
  }

  private void pause(int attempt, String name, SdkException failure) {
    try {
      retrier.pause(attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      AthenaWsException interrupted = Interrupts.cancelled("starting execution " + name, e);
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
  }
}
