package dev.athenaws.internal.s3;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens an S3 object's bytes from a position: {@code GetObject}, ranged ({@code Range: bytes=N-})
 * when the position is not 0. The small seam between the result reader and an S3 client, so core
 * needs no S3 SDK module (an SDK-backed implementation lives where the S3 client is).
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #open} throws {@link ObjectUnavailableException} when S3 will not serve the
 * object (403, 404) and {@link IOException} for a failure worth retrying.
 */
public interface ObjectReader {
  /**
   * @param location the object
   * @param fromByte the first byte wanted, 0 for the whole object
   * @return the object's bytes from fromByte to its end; the caller closes it
   * @throws ObjectUnavailableException when S3 refuses (access denied) or has no such object
   * @throws IOException for a transient failure (reset, timeout, 5xx)
   */
  InputStream open(S3Location location, long fromByte) throws IOException;
}
