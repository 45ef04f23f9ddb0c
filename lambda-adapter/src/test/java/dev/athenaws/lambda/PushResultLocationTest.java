package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.fixture;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The push task takes the result's location and encryption from the {@code .sync} task's {@code
 * ResultConfiguration}: with {@code RESULT_FETCH=s3} a client-side encrypted or location-less
 * result is refused for that reason (before any S3 read), which only the state could have told.
 */
class PushResultLocationTest {
  private final Harness h = new Harness().with("RESULT_FETCH", "s3");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aClientSideEncryptedResultInTheStateIsNotReadFromS3() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 2));
    ObjectNode input = fixture("push-state.json");
    ObjectNode result =
        (ObjectNode)
            input.path("StartAthenaQuery").path("QueryExecution").path("ResultConfiguration");
    result.set("EncryptionConfiguration", read("{\"EncryptionOption\":\"CSE_KMS\"}"));

    JsonNode out = h.push(input);

    assertThat(out.path("outcome").asText()).isEqualTo("failed");
    assertThat(lastError().path("message").asText()).contains("client-side encrypted");
  }

  @Test
  void aStateWithoutAnOutputLocationIsNotReadFromS3() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 2));
    ObjectNode input = fixture("push-state.json");
    ((ObjectNode) input.path("StartAthenaQuery").path("QueryExecution"))
        .remove("ResultConfiguration");

    JsonNode out = h.push(input);

    assertThat(out.path("outcome").asText()).isEqualTo("failed");
    assertThat(lastError().path("message").asText()).contains("no s3:// output location");
  }

  private JsonNode lastError() {
    return h.messages().stream()
        .filter(m -> m.path("type").asText().equals("error"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
