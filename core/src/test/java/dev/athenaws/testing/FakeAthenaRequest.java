package dev.athenaws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request {@link FakeAthena} received, as sent on the wire.
 *
 * @param operation the operation from {@code X-Amz-Target: AmazonAthena.<Operation>}
 * @param body the JSON body, with Athena's PascalCase member names
 * @param at the fake clock's instant when it arrived
 */
public record FakeAthenaRequest(String operation, JsonNode body, Instant at) {}
