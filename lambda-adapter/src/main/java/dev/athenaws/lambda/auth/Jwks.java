package dev.athenaws.lambda.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, cached. Fetched on first use; fetched again when a token names a
 * {@code kid} the cache does not hold (the issuer rotated its keys), but at most once per {@code
 * minRefresh}, so a stream of tokens with made-up {@code kid}s costs at most one fetch per
 * interval; and fetched again when the cached set is older than {@code maxAge} (a key the issuer
 * withdrew stops working). A failed fetch keeps the keys held so far and counts as a fetch for the
 * interval. At most {@code maxKeys} keys are kept.
 *
 * <p>Thread-safety: thread-safe (synchronized; a Lambda instance handles one event at a time).
 */
final class Jwks {
  private static final Logger LOG = LoggerFactory.getLogger(Jwks.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JwksFetcher fetcher;
  private final Clock clock;
  private final Duration minRefresh;
  private final Duration maxAge;
  private final int maxKeys;

  private Map<String, JwkKeys.Jwk> keys = Map.of();
  private Instant fetchedAt;
  private Instant attemptedAt;

  Jwks(JwksFetcher fetcher, Clock clock, Duration minRefresh, Duration maxAge, int maxKeys) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.minRefresh = Objects.requireNonNull(minRefresh, "minRefresh");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.maxKeys = maxKeys;
  }

  /**
   * @return the key with this id, or null when the issuer's set (fetched at most once per interval)
   *     has none
   */
  synchronized JwkKeys.Jwk find(String kid) {
    Instant now = clock.instant();
    boolean stale = fetchedAt == null || !now.isBefore(fetchedAt.plus(maxAge));
    if ((stale || !keys.containsKey(kid)) && mayAttempt(now)) {
      refresh(now);
    }
    return keys.get(kid);
  }

  private boolean mayAttempt(Instant now) {
    return attemptedAt == null || !now.isBefore(attemptedAt.plus(minRefresh));
  }

  private void refresh(Instant now) {
    attemptedAt = now;
    try {
      Map<String, JwkKeys.Jwk> fresh = JwkKeys.parse(JSON.readTree(fetcher.fetch()), maxKeys);
      keys = Map.copyOf(fresh);
      fetchedAt = now;
      LOG.info("JWKS fetched: {} signing keys", fresh.size());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "JWKS fetch failed ({}); keeping {} cached keys",
          e.getClass().getSimpleName(),
          keys.size());
    }
  }
}
