package dev.athenaws.internal.query;

import dev.athenaws.error.ThrottledException.Reason;
import dev.athenaws.retry.RetryPolicy;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.internal.AwsErrorCode;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.internal.retry.SdkDefaultRetrySetting;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.services.athena.model.ThrottleReason;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/**
 * Classifies an SDK failure as transient (worth a retry, and why) or terminal.
 *
 * <p>The classification is the AWS SDK's own, as its standard retry strategy applies it ({@code
 * SdkDefaultRetryStrategy.configure} and {@code AwsRetryStrategy}): a throttling error ({@link
 * RetryUtils#isThrottlingException}: HTTP 429 or an AWS throttling error code), a status in {@link
 * SdkDefaultRetrySetting#RETRYABLE_STATUS_CODES} (500, 502, 503, 504), an AWS retryable error code
 * ({@link AwsErrorCode#isRetryableErrorCode}: RequestTimeout, InternalError...), and a client-side
 * failure that is, or is caused by, one of {@link SdkDefaultRetrySetting#RETRYABLE_EXCEPTIONS} (an
 * {@code IOException} such as a connection reset or refused or a read timeout, {@code
 * ApiCallAttemptTimeoutException}, {@code RetryableException}). The SDK classes are reused rather
 * than copied so that an SDK upgrade keeps them in step ({@code PushBackTest} pins the cases that
 * matter). Differences from the SDK, on purpose: clock skew errors are not retried (this loop
 * cannot correct the clock as the SDK's does); an {@link AbortedException} (the thread was
 * interrupted: a cancellation) is never retried.
 */
final class PushBack {
  private PushBack() {}

  /**
   * @param e a failed call
   * @return why the call failed transiently, or null when the failure is terminal (a bad request,
   *     access denied, an unknown id, an interrupt): such failures are never retried here
   */
  static Reason of(SdkException e) {
    if (e instanceof TooManyRequestsException t) {
      return t.reason() == ThrottleReason.CONCURRENT_QUERY_LIMIT_EXCEEDED
          ? Reason.CONCURRENT_QUERY_LIMIT
          : Reason.THROTTLED;
    }
    if (RetryUtils.isThrottlingException(e)) {
      return Reason.THROTTLED;
    }
    if (e instanceof SdkServiceException s) {
      boolean retryable =
          SdkDefaultRetrySetting.RETRYABLE_STATUS_CODES.contains(s.statusCode())
              || RetryUtils.isRetryableException(e)
              || e instanceof AwsServiceException a
                  && a.awsErrorDetails() != null
                  && AwsErrorCode.isRetryableErrorCode(a.awsErrorDetails().errorCode());
      return retryable ? Reason.SERVER_ERROR : null;
    }
    if (interrupted(e)) {
      return null;
    }
    return causedByRetryable(e) ? Reason.NETWORK : null;
  }

  /**
   * @param e a failed call
   * @return true when the call failed because the calling thread was interrupted: an {@link
   *     AbortedException}, one in the cause chain (the SDK wraps an abort that lands while a
   *     response is read as "Unable to unmarshall response"), or the interrupt flag still set
   */
  static boolean interrupted(SdkException e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AbortedException || t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /** The SDK's {@code retryOnExceptionOrCauseInstanceOf(RETRYABLE_EXCEPTIONS)}. */
  private static boolean causedByRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Exception> retryable : SdkDefaultRetrySetting.RETRYABLE_EXCEPTIONS) {
        if (retryable.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @param e a failed call
   * @return the HTTP attempts it stands for: the SDK's own count when its retry strategy made
   *     several (so that an SDK client that retries does not multiply the bound), else 1
   */
  static int attempts(SdkException e) {
    Integer n = e.numAttempts();
    return n == null || n < 1 ? 1 : n;
  }

  /**
   * @param policy the retry policy
   * @param reason why the last call failed
   * @return the policy that answers this reason: its backoff and its bound on calls
   */
  static RetryPolicy policy(AthenaRetry policy, Reason reason) {
    return reason == Reason.CONCURRENT_QUERY_LIMIT
        ? policy.concurrencyLimit()
        : policy.throttling();
  }
}
