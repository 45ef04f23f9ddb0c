package dev.athenaws.local;

import dev.athenaws.local.athena.AthenaEmulator;
import dev.athenaws.local.athena.EmulatorResponse;
import dev.athenaws.local.faults.Faults;
import dev.athenaws.local.sfn.StepFunctionsEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The AWS JSON endpoints at {@code POST /}, told apart by {@code X-Amz-Target} as AWS clients send
 * it: {@code AmazonAthena.*} (JSON 1.1) to the Athena emulator, after the configured latency, and
 * {@code AWSStepFunctions.*} (JSON 1.0) to the Step Functions emulator; {@code GetQueryResults}
 * waits its own latency on top. So {@code AWS_ENDPOINT_URL_ATHENA} and {@code AWS_ENDPOINT_URL_SFN}
 * both point at the stack's one port. An Athena call that the {@link Faults} pick is answered 400
 * {@code TooManyRequestsException} instead, after the latency, without reaching the emulator.
 *
 * <p>Thread-safety: thread-safe.
 */
final class AwsEndpoints extends Handler.Abstract {
  private static final int MAX_BODY = 1024 * 1024;
  private static final byte[] THROTTLED =
      ("{\"__type\":\"TooManyRequestsException\"," + "\"Message\":\"Rate exceeded\"}")
          .getBytes(StandardCharsets.UTF_8);
  private final AthenaEmulator athena;
  private final StepFunctionsEmulator stepFunctions;
  private final Faults faults;

  AwsEndpoints(AthenaEmulator athena, StepFunctionsEmulator stepFunctions, Faults faults) {
    this.athena = athena;
    this.stepFunctions = stepFunctions;
    this.faults = faults;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback)
      throws IOException, InterruptedException {
    String target = request.getHeaders().get("X-Amz-Target");
    if (target == null || !"POST".equals(request.getMethod())) {
      return false;
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY);
    }
    EmulatorResponse answer;
    if (target.startsWith("AmazonAthena.")) {
      int latency = faults.athenaLatencyMs();
      if (target.equals("AmazonAthena.GetQueryResults")) {
        latency += faults.getResultsLatencyMs();
      }
      if (latency > 0) {
        Thread.sleep(latency);
      }
      answer =
          faults.throttleAthenaCall()
              ? new EmulatorResponse(400, EmulatorResponse.CONTENT_TYPE, THROTTLED)
              : athena.handle(target, body);
    } else if (target.startsWith("AWSStepFunctions.")) {
      answer = stepFunctions.handle(target, body);
    } else {
      answer =
          new EmulatorResponse(
              400,
              EmulatorResponse.CONTENT_TYPE,
              ("{\"__type\":\"UnknownOperationException\",\"message\":\"no such service here: "
                      + target.replaceAll("[^A-Za-z0-9._-]", "")
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
    }
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
    return true;
  }
}
