package dev.athenaws.internal.query;

import dev.athenaws.error.QueryFailedException;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;

/** Turns Athena's {@code InvalidRequestException} into a {@link QueryFailedException}. */
final class AthenaRejection {
  private AthenaRejection() {}

  /**
   * @param e Athena's rejection of a request
   * @param queryExecutionId the query concerned, null when none yet
   * @param fallback the message when Athena gave none
   * @return the failure with Athena's message made user-safe
   */
  static QueryFailedException of(
      InvalidRequestException e, String queryExecutionId, String fallback) {
    String message =
        UserSafeMessage.of(
            e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage(), fallback);
    return new QueryFailedException(message, queryExecutionId, e.athenaErrorCode(), e);
  }
}
