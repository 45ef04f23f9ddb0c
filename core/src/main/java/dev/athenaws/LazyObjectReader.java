package dev.athenaws;

import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.S3Location;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * An {@link ObjectReader} created at its first use, so that a front door whose results never come
 * from S3 (statements that are not SELECTs, managed query results) never builds an S3 reader.
 * Thread-safe: the reader is created once, under a lock; a failure to create it is thrown to each
 * caller, as an {@link IOException}, until one succeeds.
 */
final class LazyObjectReader implements ObjectReader {
  private final Supplier<ObjectReader> factory;
  private volatile ObjectReader reader;

  LazyObjectReader(Supplier<ObjectReader> factory) {
    this.factory = factory;
  }

  @Override
  public Opened open(S3Location location, long fromByte, String ifMatch) throws IOException {
    return reader().open(location, fromByte, ifMatch);
  }

  private ObjectReader reader() throws IOException {
    ObjectReader r = reader;
    if (r == null) {
      synchronized (this) {
        r = reader;
        if (r == null) {
          try {
            r = factory.get();
          } catch (RuntimeException e) {
            // E.g. no region configured: like an unreachable S3, retried, then the API path serves
            // (mode AUTO) or the run fails (mode S3).
            throw new IOException("The S3 reader could not be created: " + e.getMessage(), e);
          }
          reader = r;
        }
      }
    }
    return r;
  }
}
