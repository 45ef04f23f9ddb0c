package dev.athenaws;

import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * An {@link ObjectReader} created at its first use, so that a front door whose results never come
 * from S3 (statements that are not SELECTs, managed query results) never builds an S3 reader.
 * Thread-safe: the reader is created once, under a lock; a failure to create it is thrown to each
 * caller until one succeeds.
 */
final class LazyObjectReader implements ObjectReader {
  private final Supplier<ObjectReader> factory;
  private volatile ObjectReader reader;

  LazyObjectReader(Supplier<ObjectReader> factory) {
    this.factory = factory;
  }

  @Override
  public InputStream open(S3Location location, long fromByte) throws IOException {
    return reader().open(location, fromByte);
  }

  private ObjectReader reader() {
    ObjectReader r = reader;
    if (r == null) {
      synchronized (this) {
        r = reader;
        if (r == null) {
          r = factory.get();
          reader = r;
        }
      }
    }
    return r;
  }
}
