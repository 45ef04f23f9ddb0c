package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes {@link ClientMessageDecoder#decode(String)}: it never throws, and every rejection has a
 * code and a short message. Without {@code JAZZER_FUZZ=1} this runs the seeds in {@code
 * ClientMessageDecoderFuzzTestInputs/decodeNeverThrows/} as regression tests.
 *
 * <p>Input bytes are UTF-8, except that a leading 0x00 byte makes the rest UTF-16BE, so inputs can
 * carry unpaired surrogates that UTF-8 cannot encode.
 */
class ClientMessageDecoderFuzzTest {
  private static final ClientMessageDecoder DECODER = new ClientMessageDecoder();

  @FuzzTest(maxDuration = "30s")
  void decodeNeverThrows(byte[] data) {
    String text =
        data.length > 0 && data[0] == 0
            ? new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_16BE)
            : new String(data, StandardCharsets.UTF_8);
    DecodeResult r = DECODER.decode(text);
    assertThat(r).isNotNull();
    if (r instanceof DecodeResult.Rejected) {
      DecodeResult.Rejected rej = (DecodeResult.Rejected) r;
      assertThat(rej.code()).isNotNull();
      assertThat(rej.message()).isNotNull().hasSizeLessThanOrEqualTo(300);
      if (rej.field() != null) {
        assertThat(rej.field()).hasSizeLessThanOrEqualTo(64);
      }
    } else {
      ClientMessage m = ((DecodeResult.Decoded) r).message();
      if (m.requestId() != null) {
        assertThat(m.requestId()).matches(DecoderLimits.DEFAULT_REQUEST_ID_PATTERN);
      }
    }
  }
}
