package dev.athenaws.lambda.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * The segment document of one AWS call, sent on its own (X-Ray Developer Guide, "AWS X-Ray segment
 * documents": "Subsegments" for {@code type}, {@code trace_id}, {@code parent_id}, {@code id} of 16
 * hex digits, {@code start_time}/{@code end_time} in epoch seconds with a fraction, {@code
 * namespace} {@code aws}; "AWS resource data" for {@code aws.operation}, {@code region}, {@code
 * request_id}, {@code retries}; "HTTP request data" for {@code http.response.status} and {@code
 * content_length}; "Errors and exceptions" for {@code error} (4xx), {@code throttle} (429) and
 * {@code fault} (5xx)). Names and flags as the X-Ray SDK for Java's {@code TracingInterceptor}: the
 * subsegment is named after the SDK's service name ({@code Athena}, {@code Sfn}, {@code
 * ApiGatewayManagementApi}); a failed call is a fault unless it was answered 4xx, which is an
 * error; a throttling error code or 429 is also a throttle; the request id comes from the
 * exception, else the response, else the {@code x-amz-request-id}/{@code x-amzn-RequestId} header.
 * No exception message is recorded (an Athena message can quote the query).
 */
final class SubsegmentDocument {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNKNOWN_REQUEST_ID = "UNKNOWN";
  private static final List<String> REQUEST_ID_HEADERS =
      List.of("x-amz-request-id", "x-amzn-requestid");

  private SubsegmentDocument() {}

  /**
   * @throws JsonProcessingException never in practice (a tree of strings and numbers)
   */
  static String of(
      SubsegmentInterceptor.Call call,
      ExecutionAttributes attributes,
      Instant end,
      Optional<SdkResponse> response,
      Optional<SdkHttpResponse> http,
      Throwable exception)
      throws JsonProcessingException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("name", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    doc.put("id", call.id());
    doc.put("trace_id", call.trace().root());
    doc.put("parent_id", call.trace().parent());
    doc.put("type", "subsegment");
    doc.put("start_time", seconds(call.start()));
    doc.put("end_time", seconds(end));
    doc.put("namespace", "aws");

    ObjectNode aws = doc.putObject("aws");
    aws.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    if (region != null) {
      aws.put("region", region.id());
    }
    String requestId = requestId(response, http, exception);
    if (requestId != null) {
      aws.put("request_id", requestId);
    }
    if (call.attempts().get() > 0) {
      aws.put("retries", call.attempts().get() - 1);
    }

    http.ifPresent(
        h -> {
          ObjectNode r = doc.putObject("http").putObject("response");
          r.put("status", h.statusCode());
          h.firstMatchingHeader("Content-Length")
              .ifPresent(
                  length -> {
                    try {
                      r.put("content_length", Long.parseLong(length));
                    } catch (NumberFormatException e) {
                      // Left out, as the X-Ray SDK does.
                    }
                  });
        });
    if (exception != null) {
      flags(doc, exception, http);
    }
    return JSON.writeValueAsString(doc);
  }

  private static void flags(ObjectNode doc, Throwable exception, Optional<SdkHttpResponse> http) {
    boolean fault = true;
    boolean error = false;
    boolean throttle = false;
    int status = -1;
    if (exception instanceof SdkServiceException s) {
      status = s.statusCode();
      if (s.isThrottlingException()) {
        throttle = true;
        error = true;
      }
    } else if (http.isPresent()) {
      status = http.get().statusCode();
    }
    if (status >= 400 && status < 500) {
      fault = false;
      error = true;
      throttle |= status == 429;
    }
    if (fault) {
      doc.put("fault", true);
    }
    if (error) {
      doc.put("error", true);
    }
    if (throttle) {
      doc.put("throttle", true);
    }
  }

  private static String requestId(
      Optional<SdkResponse> response, Optional<SdkHttpResponse> http, Throwable exception) {
    if (exception instanceof SdkServiceException s && known(s.requestId())) {
      return s.requestId();
    }
    if (response.isPresent()
        && response.get() instanceof AwsResponse r
        && r.responseMetadata() != null
        && known(r.responseMetadata().requestId())) {
      return r.responseMetadata().requestId();
    }
    if (http.isPresent()) {
      for (Map.Entry<String, List<String>> h : http.get().headers().entrySet()) {
        if (REQUEST_ID_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))
            && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
    }
    return null;
  }

  private static boolean known(String requestId) {
    return requestId != null && !requestId.isEmpty() && !UNKNOWN_REQUEST_ID.equals(requestId);
  }

  /**
   * Epoch seconds with the fraction to the microsecond (a double holds no finer at today's dates).
   */
  static double seconds(Instant t) {
    return t.getEpochSecond() + (t.getNano() / 1_000) / 1e6;
  }
}
