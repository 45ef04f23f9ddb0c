package dev.athenaws.error;

/**
 * A query catalog could not be loaded: the file is unreadable, not JSON, or breaks a rule of the
 * catalog format (docs/catalog.md). The message names the query, parameter and field involved. This
 * is a deployment error, so its code is {@link ErrorCode#INTERNAL}: clients never see the details.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: thrown by the {@code QueryCatalog} factories; the constructors throw {@link
 * NullPointerException} for a null message.
 */
public final class CatalogException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where, not null
   */
  public CatalogException(String message) {
    super(ErrorCode.INTERNAL, message);
  }

  /**
   * Creates the exception with the failure that caused it.
   *
   * @param message what is wrong and where, not null
   * @param cause the underlying failure, may be null
   */
  public CatalogException(String message, Throwable cause) {
    super(ErrorCode.INTERNAL, message, cause);
  }
}
