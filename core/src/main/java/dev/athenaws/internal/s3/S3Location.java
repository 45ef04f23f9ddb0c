package dev.athenaws.internal.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * An object in S3, as Athena reports a result's {@code OutputLocation}: {@code s3://bucket/key}.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null component and
 * {@link IllegalArgumentException} for an empty one.
 *
 * @param bucket the bucket name
 * @param key the object key
 */
public record S3Location(String bucket, String key) {
  private static final String SCHEME = "s3://";

  /**
   * Validates the components.
   *
   * @param bucket the bucket, not empty
   * @param key the key, not empty
   */
  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (bucket.isEmpty() || key.isEmpty()) {
      throw new IllegalArgumentException("bucket and key must not be empty");
    }
  }

  /**
   * Parses an {@code s3://bucket/key} URI.
   *
   * @param uri the location, may be null
   * @return the location, or empty when uri is null or not an {@code s3://} URI with a bucket and a
   *     key
   */
  public static Optional<S3Location> parse(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new S3Location(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
