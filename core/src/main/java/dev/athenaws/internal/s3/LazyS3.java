package dev.athenaws.internal.s3;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default S3 client ({@link SignedS3}) created at its first use (reading, links and cancel
 * marks), so that a front door whose results never come from S3 (statements that are not SELECTs,
 * managed query results, mode API, links off) never builds one; one instance serves both reading
 * and links. Thread-safe: the client is created once, under a lock. Creating it is tried once: a
 * failure (e.g. no region configured, which the SDK's region chain may take seconds to conclude off
 * AWS) is logged once and answered to every caller as {@link ObjectUnavailableException} ({@code
 * NO_CLIENT}), at once and without retries: the API path serves (mode AUTO) or the run fails (mode
 * S3), and a link falls back to rows. The front door's default ({@code SignedS3::fromEnvironment})
 * and the Lambda wiring's (over the function's variables, so a {@code $connect} function never
 * builds it) are both one of these.
 */
public final class LazyS3 implements ObjectReader, DownloadLinks, MarkerObjects, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LazyS3.class);

  private final Supplier<SignedS3> factory;
  private volatile SignedS3 client;
  private volatile String failure; // set once when creating the client failed

  /**
   * @param factory makes the client at the first call; a {@link RuntimeException} it throws makes
   *     every call answer {@code NO_CLIENT}
   */
  public LazyS3(Supplier<SignedS3> factory) {
    this.factory = factory;
  }

  @Override
  public Opened open(S3Location location, long fromByte, String ifMatch) throws IOException {
    return client().open(location, fromByte, ifMatch);
  }

  @Override
  public DownloadLink link(S3Location location, Duration validFor) throws IOException {
    return client().link(location, validFor);
  }

  @Override
  public void put(S3Location location, Map<String, String> metadata) throws IOException {
    client().put(location, metadata);
  }

  @Override
  public Optional<Map<String, String>> head(S3Location location) throws IOException {
    return client().head(location);
  }

  private SignedS3 client() {
    SignedS3 c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null && failure == null) {
          try {
            c = factory.get();
            client = c;
          } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage());
            LOG.warn(
                "No S3 client (results come from GetQueryResults, no download links): {}", failure);
          }
        }
      }
    }
    if (c == null) {
      throw new ObjectUnavailableException(
          ObjectUnavailableException.Reason.NO_CLIENT,
          "The S3 client could not be created: " + failure);
    }
    return c;
  }

  /** Closes the client if it was created. */
  @Override
  public void close() {
    SignedS3 c;
    synchronized (this) {
      c = client;
      client = null;
    }
    if (c != null) {
      c.close();
    }
  }
}
