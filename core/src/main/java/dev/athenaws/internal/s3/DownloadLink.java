package dev.athenaws.internal.s3;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A presigned GET URL to one result object.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null url or expiry and
 * {@link IllegalArgumentException} for a negative size.
 *
 * @param url the presigned URL; anyone holding it may read the object until it expires
 * @param expiresAt when S3 stops honouring the URL
 * @param bytes the object's size in bytes (its {@code Content-Length})
 */
public record DownloadLink(URI url, Instant expiresAt, long bytes) {
  /**
   * Validates the components.
   *
   * @param url the URL, not null
   * @param expiresAt the expiry, not null
   * @param bytes the size, at least 0
   */
  public DownloadLink {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
  }

  @Override
  public String toString() {
    // The URL is a bearer credential until it expires: never log it.
    return "DownloadLink[expiresAt=" + expiresAt + ", bytes=" + bytes + "]";
  }
}
