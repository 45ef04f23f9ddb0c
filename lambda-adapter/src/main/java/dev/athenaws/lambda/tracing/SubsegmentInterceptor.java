package dev.athenaws.lambda.tracing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Records each SDK call made under a sampled trace header as one X-Ray subsegment, sent on its own
 * when the call ends (X-Ray Developer Guide, "Sending trace data to AWS X-Ray": a subsegment sent
 * separately has {@code type} {@code subsegment}, the {@code trace_id} and the {@code parent_id}).
 * The hooks and what they record follow the X-Ray SDK for Java's {@code TracingInterceptor}
 * (aws-xray-recorder-sdk-aws-sdk-v2): begin in {@code beforeExecution}, propagate the trace header
 * parented on the subsegment in {@code modifyHttpRequest}, count attempts in {@code
 * beforeTransmission} ({@code aws.retries}), end in {@code afterExecution} or {@code
 * onExecutionFailure}. The header is read at every call: Lambda's Java runtime sets it per
 * invocation. Without a header, or unsampled, a call costs one header read and sends nothing.
 *
 * <p>Tracing never fails or delays a call: every failure of its own (a malformed document, a send
 * that fails) is caught and counted, and the first one logged at DEBUG with the ids only.
 *
 * <p>Thread-safety: thread-safe; per-call state lives in the call's execution attributes.
 */
final class SubsegmentInterceptor implements ExecutionInterceptor {
  static final String TRACE_HEADER = "X-Amzn-Trace-Id";
  private static final Logger LOG = LoggerFactory.getLogger(SubsegmentInterceptor.class);
  private static final ExecutionAttribute<Call> CALL =
      new ExecutionAttribute<>("dev.athenaws.lambda.tracing.Subsegment");

  /** One traced call: its trace, its subsegment id, when it began, how many attempts were sent. */
  record Call(TraceHeader trace, String id, Instant start, AtomicInteger attempts) {}

  private final Supplier<String> traceHeader;
  private final Clock clock;
  private final LongSupplier ids;
  private final SegmentSender sender;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicBoolean logged = new AtomicBoolean();

  /**
   * @param traceHeader the current invocation's trace header, null when there is none
   * @param clock the time of the subsegments' start and end
   * @param ids the random source of subsegment ids
   * @param sender where the documents go
   */
  SubsegmentInterceptor(
      Supplier<String> traceHeader, Clock clock, LongSupplier ids, SegmentSender sender) {
    this.traceHeader = traceHeader;
    this.clock = clock;
    this.ids = ids;
    this.sender = sender;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    try {
      Optional<TraceHeader> trace = TraceHeader.parse(traceHeader.get());
      if (trace.isPresent() && trace.get().sampled()) {
        String id = String.format("%016x", ids.getAsLong());
        attributes.putAttribute(
            CALL, new Call(trace.get(), id, clock.instant(), new AtomicInteger()));
      }
    } catch (RuntimeException e) {
      failed(null, e);
    }
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    Call call = attributes.getAttribute(CALL);
    if (call == null) {
      return context.httpRequest();
    }
    try {
      return context.httpRequest().toBuilder()
          .putHeader(TRACE_HEADER, call.trace().downstream(call.id()))
          .build();
    } catch (RuntimeException e) {
      failed(call, e);
      return context.httpRequest();
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Call call = attributes.getAttribute(CALL);
    if (call != null) {
      call.attempts().incrementAndGet();
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    end(attributes, Optional.of(context.response()), Optional.of(context.httpResponse()), null);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    end(attributes, context.response(), context.httpResponse(), context.exception());
  }

  private void end(
      ExecutionAttributes attributes,
      Optional<SdkResponse> response,
      Optional<SdkHttpResponse> http,
      Throwable exception) {
    Call call = attributes.getAttribute(CALL);
    if (call == null) {
      return;
    }
    try {
      sender.send(
          SubsegmentDocument.of(call, attributes, clock.instant(), response, http, exception));
      sent.incrementAndGet();
    } catch (Exception e) {
      failed(call, e);
    }
  }

  private void failed(Call call, Exception e) {
    failures.incrementAndGet();
    if (logged.compareAndSet(false, true)) {
      LOG.debug(
          "X-Ray subsegment not sent (trace {}, subsegment {}): {}",
          call == null ? null : call.trace().root(),
          call == null ? null : call.id(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * @return how many subsegments could not be recorded or sent
   */
  long failures() {
    return failures.get();
  }

  /**
   * @return how many subsegments were handed to the sender
   */
  long sent() {
    return sent.get();
  }
}
