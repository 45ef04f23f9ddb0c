package dev.athenaws.internal.s3;

import java.io.IOException;
import java.time.Duration;

/**
 * Makes time-limited download links to result objects: a {@code HeadObject} (the object exists, may
 * be read, and its size) then a presigned {@code GetObject} URL for that object only. The seam
 * between the link delivery and an S3 signer, so the delivery can be tested without S3.
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #link} throws {@link ObjectUnavailableException} when S3 will not serve the
 * object (403, 404) and {@link IOException} for a failure worth retrying.
 */
public interface DownloadLinks {
  /**
   * @param location the result object
   * @param validFor how long the link works, positive
   * @return the link, its expiry and the object's size
   * @throws ObjectUnavailableException when S3 refuses (access denied) or has no such object
   * @throws IOException for a transient failure (reset, timeout, 5xx)
   */
  DownloadLink link(S3Location location, Duration validFor) throws IOException;
}
