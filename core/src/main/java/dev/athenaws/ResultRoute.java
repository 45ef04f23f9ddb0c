package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.publish.PauseCondition;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultPublisher;
import dev.athenaws.internal.publish.ResultRequest;
import dev.athenaws.internal.s3.CsvResultPages;
import dev.athenaws.internal.s3.ResultSource;
import java.util.Optional;

/**
 * Where a finished query's rows come from, per query: its result object in S3 when the {@link
 * ResultSource} can serve it, else {@code GetQueryResults} pages. A run paused on the S3 path
 * carries a token of {@link CsvResultPages#resumeToken} and resumes on the S3 path only (re-opening
 * the object and skipping the records already sent); a run paused on the API path carries Athena's
 * {@code NextToken} and resumes there. Thread-safe: no state of its own.
 */
final class ResultRoute {
  static final String CANNOT_CONTINUE =
      "The results could not be continued from S3; please run the query again.";

  private final ResultPublisher publisher;
  private final ResultSource source;

  /**
   * @param source null when every result is read with {@code GetQueryResults} (mode API)
   */
  ResultRoute(ResultPublisher publisher, ResultSource source) {
    this.publisher = publisher;
    this.source = source;
  }

  /**
   * Where Athena wrote a SUCCEEDED query's result: {@code ResultConfiguration.OutputLocation} (null
   * for managed query results) and {@code EncryptionConfiguration.EncryptionOption} (nullable).
   */
  record ResultObject(String outputLocation, String encryptionOption) {}

  PublishResult publish(ResultRequest request, ResultObject where, PauseCondition pause) {
    return publish(request, where, pause, false);
  }

  /**
   * As {@link #publish(ResultRequest, ResultObject, PauseCondition)}; {@code resumedByClient}: a
   * result object deleted since is RESULT_EXPIRED ({@link ResultSource#open(String,
   * dev.athenaws.internal.query.StatementKind, String, String, boolean)}).
   */
  PublishResult publish(
      ResultRequest request, ResultObject where, PauseCondition pause, boolean resumedByClient) {
    PublishTarget target = request.target();
    long skip = CsvResultPages.recordsOf(request.from().nextToken());
    boolean s3Resume = skip >= 0;
    if (source == null || (!request.from().isStart() && !s3Resume)) {
      return s3Resume ? cannotContinue(target) : publisher.publish(request, pause);
    }
    Optional<CsvResultPages> pages;
    try {
      pages =
          source.open(
              target.queryExecutionId(),
              request.statementKind(),
              where.outputLocation(),
              where.encryptionOption(),
              resumedByClient);
    } catch (RuntimeException e) {
      return publisher.fail(target, e);
    }
    if (pages.isEmpty()) {
      return s3Resume ? cannotContinue(target) : publisher.publish(request, pause);
    }
    try (CsvResultPages p = pages.get()) {
      return publisher.publish(request, p.skip(s3Resume ? skip : 0), pause);
    }
  }

  private PublishResult cannotContinue(PublishTarget target) {
    return publisher.fail(target, new AthenaWsException(ErrorCode.INTERNAL, CANNOT_CONTINUE));
  }
}
