package dev.athenaws.local.gateway;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda {@link Context} of one local invocation: a fresh request id and a remaining time that
 * counts down from the function's timeout, as in Lambda.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class LocalContext implements Context {
  private static final Logger LOG = LoggerFactory.getLogger("lambda");
  private final String functionName;
  private final String requestId = UUID.randomUUID().toString();
  private final Instant deadline;
  private final Clock clock;
  private final int timeoutMs;

  /**
   * @param functionName the function's name, for logs
   * @param timeout the function's timeout
   * @param clock the time source of the remaining time
   */
  public LocalContext(String functionName, Duration timeout, Clock clock) {
    this.functionName = functionName;
    this.clock = clock;
    this.timeoutMs = (int) timeout.toMillis();
    this.deadline = clock.instant().plus(timeout);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        LOG.info("[{}] {}", functionName, message);
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  /** @return the timeout this context counts down from, in ms */
  public int timeoutMs() {
    return timeoutMs;
  }
}
