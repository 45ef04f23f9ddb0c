package dev.athenaws.local.s3;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One object of the {@link ObjectStore}: where its bytes are, how many, its ETag (the hex MD5 of
 * the bytes, as S3 gives for objects uploaded in one part), when it was written and its user
 * metadata.
 *
 * <p>Thread-safety: an immutable record; the file is never rewritten in place (a new version is a
 * new file).
 *
 * @param file the file holding the bytes
 * @param length the size in bytes
 * @param etag the hex MD5 of the bytes, without quotes
 * @param lastModified when the object was completed
 * @param contentType the Content-Type it is served with
 * @param metadata its user metadata ({@code x-amz-meta-*} names, lower case, prefix removed)
 */
public record StoredObject(
    Path file,
    long length,
    String etag,
    Instant lastModified,
    String contentType,
    Map<String, String> metadata) {
  /** Copies the metadata; null is none. */
  public StoredObject {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
