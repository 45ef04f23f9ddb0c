package dev.athenaws.internal.text;

/**
 * Unsupported internal API. Makes client-supplied names safe to put into messages: bounded length,
 * no control characters.
 *
 * <p>Thread-safety: stateless.
 */
public final class Excerpt {
  /** Longest excerpt of a client-supplied name kept in exceptions. */
  public static final int MAX_CHARS = 64;

  private Excerpt() {}

  /**
   * @param text a client-supplied text, or null
   * @return at most {@link #MAX_CHARS} characters of it, control characters replaced by {@code ?}
   */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    int end = Math.min(text.length(), MAX_CHARS);
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never cut a surrogate pair in half
    }
    StringBuilder out = new StringBuilder(end + 3);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (end < text.length()) {
      out.append("...");
    }
    return out.toString();
  }
}
