package dev.athenaws.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ApiGatewayTest {
  @Test
  void theEndpointIsTheStagesExecuteApiUrl() {
    assertThat(ApiGateway.endpoint("a1b2c3d4e5", Region.AP_NORTHEAST_1, "prod"))
        .isEqualTo(URI.create("https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com/prod"));
  }

  @Test
  void chinaRegionsUseTheirPartitionsDomain() {
    assertThat(ApiGateway.endpoint("a1b2c3d4e5", Region.CN_NORTH_1, "prod"))
        .isEqualTo(URI.create("https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod"));
  }

  @Test
  void aRequestContextGivesTheConnectionAtItsStage() {
    Connection c =
        ApiGateway.connection(
            context("a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"), Region.EU_WEST_1);

    assertThat(c)
        .isEqualTo(
            Connection.at(
                "L0SM9cOFvHcCIhw=",
                URI.create("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/dev")));
  }

  @Test
  void behindACustomDomainTheEndpointIsStillBuiltFromApiIdRegionAndStage() {
    // domainName is then the custom domain, whose path is the API mapping's, not the stage.
    Connection c = ApiGateway.connection(context("ws.example.com"), Region.EU_WEST_1);

    assertThat(c.endpoint())
        .isEqualTo(URI.create("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/dev"));
  }

  @Test
  void rejectsMissingOrMalformedParts() {
    Map<String, Object> noStage = new HashMap<>(context("x"));
    noStage.remove("stage");
    assertThatThrownBy(() -> ApiGateway.connection(noStage, Region.EU_WEST_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestContext.stage");
    Map<String, Object> numericId = new HashMap<>(context("x"));
    numericId.put("apiId", 42);
    assertThatThrownBy(() -> ApiGateway.connection(numericId, Region.EU_WEST_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestContext.apiId");
    assertThatThrownBy(() -> ApiGateway.endpoint("A.B", Region.EU_WEST_1, "dev"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiId");
    assertThatThrownBy(() -> ApiGateway.endpoint("a1b2", Region.EU_WEST_1, "dev/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage");
    assertThatThrownBy(() -> ApiGateway.endpoint("a1b2", Region.of("evil.com#"), "dev"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region");
    assertThatThrownBy(() -> ApiGateway.endpoint("a1b2", null, "dev"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("region");
  }

  @Test
  void theRegionIsReadFromAnExecuteApiHostOnly() {
    assertThat(
            ApiGateway.region(URI.create("https://a1b2.execute-api.eu-west-1.amazonaws.com/dev")))
        .contains(Region.EU_WEST_1);
    assertThat(
            ApiGateway.region(URI.create("https://a1b2.execute-api.cn-north-1.amazonaws.com.cn/p")))
        .contains(Region.CN_NORTH_1);
    assertThat(ApiGateway.region(URI.create("https://ws.example.com/orders")))
        .isEqualTo(Optional.empty());
    assertThat(ApiGateway.region(URI.create("http://127.0.0.1:8080/dev"))).isEmpty();
  }

  private static Map<String, Object> context(String domainName) {
    return Map.of(
        "connectionId",
        "L0SM9cOFvHcCIhw=",
        "apiId",
        "a1b2c3d4e5",
        "stage",
        "dev",
        "domainName",
        domainName,
        "routeKey",
        "query",
        "eventType",
        "MESSAGE");
  }
}
