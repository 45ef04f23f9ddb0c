package dev.athenaws.internal.s3;

import dev.athenaws.AthenaSettings;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * Decides, per finished query, whether its rows come from the result object in S3, and opens it. S3
 * serves a query when the mode allows it and the query is a SELECT (only DML results are CSV; DDL,
 * SHOW, DESCRIBE and EXPLAIN write text), its {@code OutputLocation} is an {@code s3://} object
 * (managed query results have none), its results are not client-side encrypted ({@code CSE_KMS}:
 * the bytes in S3 are ciphertext), and S3 lets the object be read (not 403 or 404, and it opens
 * within the retries). Otherwise, in {@link AthenaSettings.ResultFetch#AUTO}, {@link #open} answers
 * empty and the caller pages {@code GetQueryResults} as before.
 *
 * <p>The column types come from one {@code GetQueryResults} call (the {@code metadataFetcher}
 * should be built with {@code maxResults(1)}): its {@code ResultSetMetadata} is what the API path
 * maps with, so both paths type columns alike. (The {@code .csv.metadata} object beside the result
 * is in an undocumented binary format.)
 *
 * <p>Opening the object and reopening it after a broken connection are retried at most {@code
 * maxResumes} times in a row, waiting the backoff's delay through the injected sleeper before each
 * retry.
 *
 * <p>Thread-safety: thread-safe; one source serves any number of queries.
 *
 * <p>Exceptions: {@link #open} throws as documented on it; the constructor throws {@link
 * NullPointerException} for a null argument and {@link IllegalArgumentException} for a bad number.
 */
public final class ResultSource {
  /** What a client hears when a query's result is gone (RESULT_EXPIRED). */
  public static final String EXPIRED =
      "The query's results are no longer available; please run the query again.";

  private static final Logger LOG = LoggerFactory.getLogger(ResultSource.class);
  private static final String CSE_KMS = "CSE_KMS";

  private final AthenaSettings.ResultFetch mode;
  private final ObjectReader reader;
  private final PageFetcher metadataFetcher;
  private final int pageRows;
  private final int maxResumes;
  private final Sleeper sleeper;
  private final Backoff backoff;

  /**
   * Waits between S3 retries: 100 ms doubling to 2 s, 20 % jitter. A reset is usually over at once;
   * a 503 SlowDown asks the client to slow down.
   */
  public static final Backoff RETRY_BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2);

  /**
   * @param mode where rows may come from
   * @param reader opens result objects
   * @param metadataFetcher fetches the first results page, for its column metadata
   * @param pageRows records a page, at least 1
   * @param maxResumes opens and ranged reopens allowed in a row without progress, at least 0
   * @param sleeper waits between retries
   * @param backoff the delay before each retry
   */
  public ResultSource(
      AthenaSettings.ResultFetch mode,
      ObjectReader reader,
      PageFetcher metadataFetcher,
      int pageRows,
      int maxResumes,
      Sleeper sleeper,
      Backoff backoff) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.metadataFetcher = Objects.requireNonNull(metadataFetcher, "metadataFetcher");
    if (pageRows < 1 || maxResumes < 0) {
      throw new IllegalArgumentException("pageRows >= 1 and maxResumes >= 0 required");
    }
    this.pageRows = pageRows;
    this.maxResumes = maxResumes;
  }

  /**
   * Opens a finished query's result object, or answers that the API path must serve it.
   *
   * @param queryExecutionId the SUCCEEDED query, not null
   * @param kind its statement kind, not null
   * @param outputLocation its {@code ResultConfiguration.OutputLocation}, may be null
   * @param encryptionOption its {@code EncryptionConfiguration.EncryptionOption}, may be null
   * @return the pages from S3, or empty when the API path must serve (mode API, or mode AUTO and S3
   *     cannot)
   * @throws AthenaWsException (INTERNAL) in mode S3 when S3 cannot serve (including an object that
   *     cannot be opened after the retries); as {@link PageFetcher#fetch} for the metadata call
   */
  public Optional<CsvResultPages> open(
      String queryExecutionId, StatementKind kind, String outputLocation, String encryptionOption) {
    return open(queryExecutionId, kind, outputLocation, encryptionOption, false);
  }

  /**
   * As {@link #open(String, StatementKind, String, String)}; for a client's {@code resume} ({@code
   * resumed}), a result object that no longer exists (404: deleted, e.g. by the bucket's lifecycle
   * rule, while Athena still knows the query) is {@code RESULT_EXPIRED}, not a fallback to
   * GetQueryResults, which reads the same object.
   *
   * @param queryExecutionId the SUCCEEDED query, not null
   * @param kind its statement kind, not null
   * @param outputLocation its {@code ResultConfiguration.OutputLocation}, may be null
   * @param encryptionOption its {@code EncryptionConfiguration.EncryptionOption}, may be null
   * @param resumed whether a client's resume asks
   * @return as the other overload
   * @throws AthenaWsException RESULT_EXPIRED when resumed and the object is gone; else as the other
   *     overload
   */
  public Optional<CsvResultPages> open(
      String queryExecutionId,
      StatementKind kind,
      String outputLocation,
      String encryptionOption,
      boolean resumed) {
    Objects.requireNonNull(queryExecutionId, "queryExecutionId");
    Objects.requireNonNull(kind, "kind");
    if (mode == AthenaSettings.ResultFetch.API) {
      return Optional.empty();
    }
    Optional<String> refusal = refusal(kind, outputLocation, encryptionOption);
    if (refusal.isPresent()) {
      return refuse(queryExecutionId, refusal.get(), null);
    }
    S3Location location = S3Location.parse(outputLocation).orElseThrow();
    ObjectReader.Opened first;
    try {
      first = openWithRetries(location);
    } catch (ObjectUnavailableException e) {
      if (resumed && e.reason() == ObjectUnavailableException.Reason.NOT_FOUND) {
        throw new AthenaWsException(ErrorCode.RESULT_EXPIRED, EXPIRED, e);
      }
      return refuse(queryExecutionId, e.reason().name(), e);
    } catch (IOException e) {
      // No row has been sent yet: in AUTO the API path can still serve the whole result.
      return refuse(queryExecutionId, "unreadable after retries: " + e.getMessage(), e);
    }
    try {
      GetQueryResultsResponse head = metadataFetcher.fetch(queryExecutionId, null);
      InputStream bytes =
          new ResumingInputStream(reader, location, first, maxResumes, sleeper, backoff);
      return Optional.of(new CsvResultPages(bytes, head.resultSet().resultSetMetadata(), pageRows));
    } catch (RuntimeException e) {
      closeQuietly(first.body());
      throw e;
    }
  }

  /**
   * Why S3 cannot serve a finished query's result, whatever the object: the rule shared by reading
   * rows and by download links.
   *
   * @param kind the statement kind, not null
   * @param outputLocation {@code ResultConfiguration.OutputLocation}, may be null
   * @param encryptionOption {@code EncryptionConfiguration.EncryptionOption}, may be null
   * @return the reason (not a SELECT, no {@code s3://} location, client-side encrypted), or empty
   *     when the object may be asked for
   */
  public static Optional<String> refusal(
      StatementKind kind, String outputLocation, String encryptionOption) {
    if (!kind.hasHeaderRow()) {
      return Optional.of("not a SELECT");
    }
    if (S3Location.parse(outputLocation).isEmpty()) {
      return Optional.of("no s3:// output location");
    }
    if (encryptionOption != null && CSE_KMS.equals(encryptionOption.toUpperCase(Locale.ROOT))) {
      return Optional.of("client-side encrypted");
    }
    return Optional.empty();
  }

  private ObjectReader.Opened openWithRetries(S3Location location) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt <= maxResumes; attempt++) {
      if (attempt > 0) {
        try {
          sleeper.sleep(backoff.delay(attempt, ThreadLocalRandom.current()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AthenaWsException(
              ErrorCode.INTERNAL, "Interrupted while opening the result object", e);
        }
      }
      try {
        return reader.open(location, 0, null);
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private Optional<CsvResultPages> refuse(String id, String why, Exception cause) {
    if (mode == AthenaSettings.ResultFetch.S3) {
      throw new AthenaWsException(
          ErrorCode.INTERNAL, "The result cannot be read from S3 (" + why + ")", cause);
    }
    if (cause instanceof IOException) {
      LOG.warn("query {}: results from GetQueryResults, S3 cannot serve ({})", id, why);
    } else {
      LOG.debug("query {}: results from GetQueryResults, S3 cannot serve ({})", id, why);
    }
    return Optional.empty();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Not read from.
    }
  }
}
