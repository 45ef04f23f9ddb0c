package dev.athenaws.internal.s3;

/**
 * S3 will not serve a result object: access denied (403), no such key or bucket (404), the object
 * changed between two reads of it (412 on a conditional resume), a client-side encrypted object, or
 * no S3 client configured. Retrying does not help; the API path may still serve the result.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: none beyond what {@link RuntimeException} throws.
 */
public final class ObjectUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why S3 would not serve. */
  public enum Reason {
    /** 403 AccessDenied. */
    ACCESS_DENIED,
    /** 404 NoSuchKey or NoSuchBucket. */
    NOT_FOUND,
    /**
     * 412 PreconditionFailed: the object was replaced since its first bytes were read (its ETag no
     * longer matches), so a resumed read would splice two versions.
     */
    CHANGED,
    /**
     * No S3 client could be made here (e.g. no region or HTTP client configured): not a property of
     * the object, and not worth retrying until the configuration changes.
     */
    NO_CLIENT
  }

  /** Why S3 would not serve (part of the serialized form). */
  private final Reason reason;

  /**
   * @param reason why S3 would not serve, not null
   * @param message details for the log (never user data)
   */
  public ObjectUnavailableException(Reason reason, String message) {
    super(message);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /**
   * @return why S3 would not serve
   */
  public Reason reason() {
    return reason;
  }
}
