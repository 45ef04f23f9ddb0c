package dev.athenaws.lambda.sfn;

import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.Connection;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** Shared inputs of the sfn tests. */
final class Fixtures {
  static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:athena-ws";
  static final String CONNECTION_ID = "L0SM9cOFvHcCIhw=";

  private Fixtures() {}

  static Connection connection() {
    return Connection.at(CONNECTION_ID, ApiGateway.endpoint("abcdef1234", Region.EU_WEST_1, "dev"));
  }

  static Connection overridden() {
    return connection().withEndpoint(URI.create("https://ws.example.com/dev/"));
  }

  static QuerySpec.Named named() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("region", "EU");
    p.put("limit", new BigDecimal("1E+3"));
    p.put("all", Boolean.FALSE);
    p.put("min", new BigDecimal("0.10"));
    p.put("since", null);
    return new QuerySpec.Named("top_sales", p);
  }

  static QuerySpec.Rendered statement() {
    return new QuerySpec.Rendered(
        new Statement(
            "SELECT * FROM sales WHERE region = ? AND n > ?", List.of("'EU'", "10"), null));
  }

  static RequestKey key() {
    return RequestKey.of(CONNECTION_ID, "r-1", Statement.rawSql("SELECT 1"));
  }
}
