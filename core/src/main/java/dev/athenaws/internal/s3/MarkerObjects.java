package dev.athenaws.internal.s3;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Empty S3 objects that carry a few values in their user metadata ({@code x-amz-meta-*}): written
 * with {@code PutObject} and read with {@code HeadObject}, so that runs on different hosts (Lambda
 * instances) can leave each other a note without a database. The seam between {@link
 * dev.athenaws.internal.session.CancelMarks} and an S3 client, so the marks are tested without S3.
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: both methods throw {@link ObjectUnavailableException} when S3 refuses for good
 * (403 access denied: the role lacks the permission) and {@link IOException} for a failure worth
 * retrying.
 */
public interface MarkerObjects {
  /**
   * Writes (or replaces) an empty object with the given user metadata.
   *
   * @param location the object
   * @param metadata metadata names (lower case, without the {@code x-amz-meta-} prefix) to ASCII
   *     values
   * @throws ObjectUnavailableException when S3 refuses the write
   * @throws IOException for a transient failure
   */
  void put(S3Location location, Map<String, String> metadata) throws IOException;

  /**
   * Reads an object's user metadata.
   *
   * @param location the object
   * @return its metadata (names lower case, without the prefix), empty when there is no such object
   * @throws ObjectUnavailableException when S3 refuses the read (a HeadObject of a missing object
   *     is 403, not 404, for a role without {@code s3:ListBucket})
   * @throws IOException for a transient failure
   */
  Optional<Map<String, String>> head(S3Location location) throws IOException;
}
