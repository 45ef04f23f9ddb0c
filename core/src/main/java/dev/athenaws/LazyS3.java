package dev.athenaws;

import dev.athenaws.internal.s3.DownloadLink;
import dev.athenaws.internal.s3.DownloadLinks;
import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.S3Location;
import dev.athenaws.internal.s3.SignedS3;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The default S3 client ({@link SignedS3}) created at its first use, so that a front door whose
 * results never come from S3 (statements that are not SELECTs, managed query results, mode API,
 * links off) never builds one; one instance serves both reading and links. Thread-safe: the client
 * is created once, under a lock; a failure to create it (e.g. no region configured) is thrown to
 * each caller as an {@link IOException} until one succeeds: like an unreachable S3, it is retried,
 * then the API path serves (mode AUTO) or the run fails (mode S3), and a link falls back to rows.
 */
final class LazyS3 implements ObjectReader, DownloadLinks {
  private final Supplier<SignedS3> factory;
  private volatile SignedS3 client;

  LazyS3(Supplier<SignedS3> factory) {
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

  private SignedS3 client() throws IOException {
    SignedS3 c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          try {
            c = factory.get();
          } catch (RuntimeException e) {
            throw new IOException("The S3 client could not be created: " + e.getMessage(), e);
          }
          client = c;
        }
      }
    }
    return c;
  }
}
