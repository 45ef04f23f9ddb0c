package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.athenaws.error.ErrorCode;
import java.io.IOException;
import java.util.Objects;

/**
 * Decodes client text frames into {@link ClientMessage}s, enforcing {@link DecoderLimits}.
 *
 * <p>Parsing is streaming (Jackson {@link JsonParser}) with the nesting depth capped by {@link
 * StreamReadConstraints}, so no input can overflow the stack. Duplicate keys (at any depth) and
 * content after the JSON object are refused. Unknown top-level fields are ignored so that newer
 * clients can talk to older servers; they still count against the size and depth limits.
 *
 * <p>When a message is refused, scanning continues over the remaining top-level fields (as long as
 * the JSON is well-formed) so that the {@code requestId} can be echoed even when it comes after the
 * fault. The first fault found is reported. Messages quote at most 64 chars of client input.
 *
 * <p>Thread-safety: immutable and thread-safe; share one instance.
 *
 * <p>Exceptions: {@link #decode} never throws (every fault is a {@link DecodeResult.Rejected}); the
 * constructor throws {@link NullPointerException} for null limits.
 */
public final class ClientMessageDecoder {
  /** Quoted client input is cut to this many chars. */
  static final int MAX_ECHO_CHARS = 64;

  private final DecoderLimits limits;
  private final JsonFactory factory;

  /** Creates a decoder with {@link DecoderLimits#defaults()}. */
  public ClientMessageDecoder() {
    this(DecoderLimits.defaults());
  }

  /**
   * @param limits the limits to enforce, not null
   * @throws NullPointerException if limits is null
   */
  public ClientMessageDecoder(DecoderLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(Math.max(limits.maxMessageChars(), 1))
                    .maxNumberLength(MessageScan.MAX_NUMBER_CHARS)
                    .build())
            .build();
  }

  /**
   * @return the limits this decoder enforces
   */
  public DecoderLimits limits() {
    return limits;
  }

  /**
   * Decodes one client message. Never throws: every failure, including a null, oversized, deeply
   * nested or malformed input, is a {@link DecodeResult.Rejected}.
   *
   * @param text the text frame, may be null
   * @return the decoded message or the reason it was refused
   */
  public DecodeResult decode(String text) {
    if (text == null || text.isEmpty()) {
      return new DecodeResult.Rejected(
          ErrorCode.BAD_REQUEST, "Message is empty; expected a JSON object.", null, null);
    }
    if (text.length() > limits.maxMessageChars()) {
      return new DecodeResult.Rejected(
          ErrorCode.BAD_REQUEST,
          "Message is too large: "
              + text.length()
              + " characters, the limit is "
              + limits.maxMessageChars()
              + ".",
          null,
          null);
    }
    MessageScan scan = new MessageScan(limits);
    try (JsonParser p = factory.createParser(text)) {
      return scan.run(p);
    } catch (StreamConstraintsException e) {
      String what =
          String.valueOf(e.getOriginalMessage()).contains("nesting depth")
              ? "Message is nested too deeply: the limit is " + limits.maxDepth() + " levels."
              : "Message has a number or string that is too long.";
      return scan.rejectNow(ErrorCode.BAD_REQUEST, what, null);
    } catch (JsonParseException e) {
      String original = String.valueOf(e.getOriginalMessage());
      if (original.startsWith("Duplicate field")) {
        String name = MessageScan.quote(e.getProcessor() == null ? "" : currentName(e));
        return scan.rejectNow(
            ErrorCode.BAD_REQUEST, "Message has a duplicate field " + name + ".", null);
      }
      return scan.rejectNow(ErrorCode.BAD_REQUEST, notJson(e), null);
    } catch (IOException e) {
      return scan.rejectNow(ErrorCode.BAD_REQUEST, notJson(e), null);
    } catch (RuntimeException e) {
      return scan.rejectNow(ErrorCode.BAD_REQUEST, "Message could not be decoded.", null);
    }
  }

  private static String currentName(JsonParseException e) {
    try {
      return String.valueOf(((JsonParser) e.getProcessor()).currentName());
    } catch (IOException | RuntimeException ignored) {
      return "";
    }
  }

  private static String notJson(IOException e) {
    String at = "";
    if (e instanceof JacksonException) {
      JsonLocation loc = ((JacksonException) e).getLocation();
      if (loc != null && loc.getCharOffset() >= 0) {
        at = " (at character " + loc.getCharOffset() + ")";
      }
    }
    return "Message is not valid JSON" + at + ".";
  }
}
