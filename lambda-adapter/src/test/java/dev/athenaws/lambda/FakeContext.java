package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A Lambda context whose remaining time is scripted: each call of getRemainingTimeInMillis answers
 * the next value, the last one repeating.
 */
final class FakeContext implements Context {
  private final Deque<Integer> remaining = new ArrayDeque<>();
  private int last;
  private int calls;

  private FakeContext(int... millis) {
    for (int m : millis) {
      remaining.add(m);
    }
    last = millis[millis.length - 1];
  }

  static FakeContext remaining(int... millis) {
    return new FakeContext(millis);
  }

  static FakeContext plenty() {
    return new FakeContext(600_000);
  }

  synchronized int calls() {
    return calls;
  }

  @Override
  public synchronized int getRemainingTimeInMillis() {
    calls++;
    Integer next = remaining.poll();
    return next != null ? (last = next) : last;
  }

  @Override
  public String getAwsRequestId() {
    return "8a3c5f2e-0000-4000-8000-000000000000";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/athena-ws";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/28/[$LATEST]0000";
  }

  @Override
  public String getFunctionName() {
    return "athena-ws";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:athena-ws";
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
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {}

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
