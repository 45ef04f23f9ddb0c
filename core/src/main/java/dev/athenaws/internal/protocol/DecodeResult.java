package dev.athenaws.internal.protocol;

import dev.athenaws.error.ErrorCode;
import java.util.Objects;

/**
 * The outcome of {@link ClientMessageDecoder#decode(String)}: a message, or the reason it was
 * refused.
 *
 * <p>Thread-safety: all implementations are immutable records.
 *
 * <p>Exceptions: the constructors throw {@link NullPointerException} for a null message or code;
 * nothing else throws.
 */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

  /**
   * The message was well-formed.
   *
   * @param message the decoded message
   */
  record Decoded(ClientMessage message) implements DecodeResult {
    /**
     * Validates the message.
     *
     * @param message the decoded message, not null
     * @throws NullPointerException if message is null
     */
    public Decoded {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The message was refused; reply with {@link ServerMessage.Error#of(Rejected)}.
   *
   * @param code {@link ErrorCode#BAD_REQUEST} or {@link ErrorCode#INVALID_PARAMETER}, not null
   * @param message a user-safe message (at most 300 chars, quoting at most 64 chars of the input)
   * @param requestId the client's request id when it could be read, else null
   * @param field the field or parameter name at fault, nullable
   */
  record Rejected(ErrorCode code, String message, String requestId, String field)
      implements DecodeResult {
    /**
     * Validates the components.
     *
     * @param code the error code, not null
     * @param message the user-safe message, not null
     * @param requestId the client's request id, nullable
     * @param field the field at fault, nullable
     * @throws NullPointerException if code or message is null
     */
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
