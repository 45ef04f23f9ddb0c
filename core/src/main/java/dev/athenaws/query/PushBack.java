package dev.athenaws.query;

import dev.athenaws.query.AthenaBusyException.Reason;
import dev.athenaws.retry.Backoff;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.athena.model.ThrottleReason;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/** Classifies an SDK failure as Athena pushing back (worth a retry) or not. */
final class PushBack {
  private PushBack() {}

  /**
   * @param e a failed call
   * @return why Athena pushed back, or null when the failure is not a push-back (bad request,
   *     access denied, a client-side error): such failures are never retried here
   */
  static Reason of(SdkException e) {
    if (e instanceof TooManyRequestsException t) {
      return t.reason() == ThrottleReason.CONCURRENT_QUERY_LIMIT_EXCEEDED
          ? Reason.CONCURRENT_QUERY_LIMIT
          : Reason.THROTTLED;
    }
    if (e instanceof SdkServiceException s) {
      // isThrottlingException: HTTP 429 or an error code such as ThrottlingException.
      if (s.isThrottlingException()) {
        return Reason.THROTTLED;
      }
      if (s.statusCode() >= 500) {
        return Reason.SERVER_ERROR;
      }
    }
    return null;
  }

  /**
   * @param policy the retry policy
   * @param reason why the last call failed
   * @return how many calls in all the policy allows for this reason
   */
  static int maxAttempts(AthenaRetry policy, Reason reason) {
    return reason == Reason.CONCURRENT_QUERY_LIMIT
        ? policy.concurrencyMaxAttempts()
        : policy.maxAttempts();
  }

  /**
   * @param policy the retry policy
   * @param reason why the last call failed
   * @return the backoff to wait with
   */
  static Backoff backoff(AthenaRetry policy, Reason reason) {
    return reason == Reason.CONCURRENT_QUERY_LIMIT ? policy.concurrencyLimit() : policy.throttling();
  }
}
