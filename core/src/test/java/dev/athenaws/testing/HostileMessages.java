package dev.athenaws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus of hostile client messages (resource {@code hostile-messages.json}) with the stable
 * error code each must get. Shared through core's test-jar by the adapter's and the local stack's
 * tests.
 */
public final class HostileMessages {
  private static final Pattern RUN = Pattern.compile("\\{\\{(.)\\*(\\d+)}}");

  private HostileMessages() {}

  /**
   * One hostile message.
   *
   * @param name what it tries
   * @param text the frame as the handler receives it
   * @param binary whether it arrives as a binary frame
   * @param code the error code it must get
   */
  public record Message(String name, String text, boolean binary, ErrorCode code) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * @return every message of the corpus
   */
  public static List<Message> all() {
    try (InputStream in = HostileMessages.class.getResourceAsStream("hostile-messages.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Message> out = new ArrayList<>();
      for (JsonNode m : root.get("messages")) {
        boolean binary = m.hasNonNull("base64");
        String text =
            binary
                ? new String(
                    Base64.getDecoder().decode(m.get("base64").asText()), StandardCharsets.UTF_8)
                : expand(m.get("text").asText());
        out.add(
            new Message(
                m.get("name").asText(), text, binary, ErrorCode.valueOf(m.get("code").asText())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String expand(String text) {
    Matcher m = RUN.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }
    return m.appendTail(sb).toString();
  }
}
