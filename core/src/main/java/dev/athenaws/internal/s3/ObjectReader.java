package dev.athenaws.internal.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Opens an S3 object's bytes from a position: {@code GetObject}, ranged ({@code Range: bytes=N-})
 * when the position is not 0, and conditional ({@code If-Match: <ETag>}) when the caller names the
 * version it read before, so that a resumed read never splices two versions of an object. The small
 * seam between the result reader and an S3 client, so the reader is tested without S3.
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #open} throws {@link ObjectUnavailableException} when S3 will not serve the
 * object (403, 404, 412) and {@link IOException} for a failure worth retrying.
 */
public interface ObjectReader {
  /**
   * @param location the object
   * @param fromByte the first byte wanted, 0 for the whole object
   * @param ifMatch the ETag the bytes must have (as S3 sent it, quotes included), or null for any
   * @return the object's bytes from fromByte to its end, its ETag and its whole length; the caller
   *     closes the body
   * @throws ObjectUnavailableException when S3 refuses (access denied), has no such object, or the
   *     object no longer has the ETag {@code ifMatch} (reason {@link
   *     ObjectUnavailableException.Reason#CHANGED})
   * @throws IOException for a transient failure (reset, timeout, 5xx, throttling)
   */
  Opened open(S3Location location, long fromByte, String ifMatch) throws IOException;

  /**
   * An opened object.
   *
   * <p>Thread-safety: the record is immutable; the body is read by one thread.
   *
   * <p>Exceptions: the constructor throws {@link NullPointerException} for a null body and {@link
   * IllegalArgumentException} for a length below -1.
   *
   * @param body the bytes from the requested position to the end
   * @param etag the object's ETag as S3 sent it, null when S3 sent none
   * @param length the whole object's length in bytes, -1 when unknown
   */
  record Opened(InputStream body, String etag, long length) {
    /**
     * Validates the components.
     *
     * @param body the bytes, not null
     * @param etag the ETag, may be null
     * @param length the length, at least -1
     */
    public Opened {
      Objects.requireNonNull(body, "body");
      if (length < -1) {
        throw new IllegalArgumentException("length must be >= -1: " + length);
      }
    }
  }
}
