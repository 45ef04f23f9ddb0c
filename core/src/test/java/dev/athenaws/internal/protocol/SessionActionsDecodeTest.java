package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The session actions: cancel, resume, ping. */
class SessionActionsDecodeTest {
  private static final String Q = "a1b2c3d4-5678-90ab-cdef-111111111111";
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();

  private ClientMessage decoded(String json) {
    DecodeResult r = decoder.decode(json);
    assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) r).message();
  }

  private DecodeResult.Rejected rejected(String json) {
    DecodeResult r = decoder.decode(json);
    assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
    return (DecodeResult.Rejected) r;
  }

  @Test
  void cancelCarriesTheQueryAndToken() {
    assertThat(
            decoded(
                "{\"action\":\"cancel\",\"requestId\":\"c1\",\"queryExecutionId\":\""
                    + Q
                    + "\",\"resumeToken\":\"t.o.k\"}"))
        .isEqualTo(new ClientMessage.Cancel("c1", Q, "t.o.k"));
  }

  @Test
  void resumeCarriesAfterSeqWhichDefaultsToMinusOne() {
    assertThat(
            decoded(
                "{\"action\":\"resume\",\"queryExecutionId\":\""
                    + Q
                    + "\",\"resumeToken\":\"t\",\"afterSeq\":41}"))
        .isEqualTo(new ClientMessage.Resume(null, Q, "t", 41));
    assertThat(
            decoded(
                "{\"action\":\"resume\",\"queryExecutionId\":\"" + Q + "\",\"resumeToken\":\"t\"}"))
        .isEqualTo(new ClientMessage.Resume(null, Q, "t", -1));
    assertThat(
            decoded(
                "{\"action\":\"resume\",\"queryExecutionId\":\""
                    + Q
                    + "\",\"resumeToken\":\"t\",\"afterSeq\":null}"))
        .isEqualTo(new ClientMessage.Resume(null, Q, "t", -1));
  }

  @Test
  void pingIsAnsweredAndItsRequestIdKept() {
    assertThat(decoded("{\"action\":\"ping\",\"requestId\":\"p1\"}"))
        .isEqualTo(new ClientMessage.Ping("p1"));
    assertThat(decoded("{\"action\":\"ping\"}")).isEqualTo(new ClientMessage.Ping(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"action\":\"cancel\",\"resumeToken\":\"t\"}|queryExecutionId|needs field 'queryExecutionId'",
        "{\"action\":\"cancel\",\"queryExecutionId\":\"q-1\"}|resumeToken|needs field 'resumeToken'",
        "{\"action\":\"resume\",\"queryExecutionId\":\"q 1\",\"resumeToken\":\"t\"}|queryExecutionId|must be a query execution id",
        "{\"action\":\"resume\",\"queryExecutionId\":7,\"resumeToken\":\"t\"}|queryExecutionId|must be a query execution id",
        "{\"action\":\"resume\",\"queryExecutionId\":\"q-1\",\"resumeToken\":{}}|resumeToken|must be the string",
        "{\"action\":\"resume\",\"queryExecutionId\":\"q-1\",\"resumeToken\":\"t\",\"afterSeq\":-2}|afterSeq|at least -1",
        "{\"action\":\"resume\",\"queryExecutionId\":\"q-1\",\"resumeToken\":\"t\",\"afterSeq\":1.5}|afterSeq|must be an integer",
        "{\"action\":\"resume\",\"queryExecutionId\":\"q-1\",\"resumeToken\":\"t\",\"afterSeq\":\"3\"}|afterSeq|must be an integer",
        "{\"action\":\"resume\",\"queryExecutionId\":\"q-1\",\"resumeToken\":\"t\",\"afterSeq\":99999999999}|afterSeq|must be an integer",
      })
  void badSessionFieldsAreRefusedNamingTheField(String json, String field, String message) {
    DecodeResult.Rejected r = rejected(json);
    assertThat(r.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(r.field()).isEqualTo(field);
    assertThat(r.message()).contains(message);
  }

  @Test
  void aTokenLongerThanAnyOfOursIsRefused() {
    DecodeResult.Rejected r =
        rejected(
            "{\"action\":\"cancel\",\"queryExecutionId\":\"q-1\",\"resumeToken\":\""
                + "x".repeat(SessionFields.MAX_TOKEN_CHARS + 1)
                + "\",\"requestId\":\"c9\"}");
    assertThat(r.field()).isEqualTo("resumeToken");
    assertThat(r.requestId()).isEqualTo("c9");
  }
}
