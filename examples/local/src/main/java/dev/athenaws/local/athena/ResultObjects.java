package dev.athenaws.local.athena;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the emulator writes a SELECT's result object, as Athena writes {@code <QueryID>.csv} to the
 * query result location. {@link #NONE} writes nothing (the emulator alone, without an S3 endpoint).
 *
 * <p>Thread-safety: implementations are called from the query threads concurrently.
 */
public interface ResultObjects {
  /** Writes nothing. */
  ResultObjects NONE = location -> null;

  /**
   * Starts an object.
   *
   * @param s3Uri where, {@code s3://bucket/key}
   * @return the object being written, null to write nothing
   * @throws IOException when it cannot be started
   */
  Pending open(String s3Uri) throws IOException;

  /** An object being written: visible only once published; closing without it discards it. */
  interface Pending extends AutoCloseable {
    /**
     * @return the stream of the object's bytes
     */
    OutputStream stream();

    /**
     * Makes the complete object visible.
     *
     * @throws IOException when it cannot be completed
     */
    void publish() throws IOException;

    @Override
    void close() throws IOException;
  }
}
