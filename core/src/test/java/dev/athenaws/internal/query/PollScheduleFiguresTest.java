package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The poll schedule of a query that takes exactly 60 s, measured in virtual time against
 * FakeAthena: how many GetQueryExecution calls a policy makes and how late it notices completion.
 * The target: at most 15 calls, noticed within 10% + 200 ms (6.2 s).
 */
class PollScheduleFiguresTest {
  private static final Duration QUERY = Duration.ofSeconds(60);
  private static final Duration ALLOWED_LATENESS = Duration.ofMillis(6200);

  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private final AthenaClient client = fake.client();

  @AfterEach
  void close() {
    fake.close();
  }

  record Figures(int polls, Duration late) {}

  private Figures measure(Backoff polling, RandomGenerator random) {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(QUERY).build());
    Instant start = time.instant();
    QueryOutcome outcome =
        CompletionWaiter.builder(client)
            .polling(polling)
            .sleeper(time)
            .clock(time)
            .random(random)
            .build()
            .await(id, Duration.ofMinutes(5), QueryProgressListener.NONE, CancellationSignal.NEVER);
    assertThat(outcome).isInstanceOf(QueryOutcome.Succeeded.class);
    return new Figures(outcome.polls(), time.since(start).minus(QUERY));
  }

  @Test
  void defaultsWithoutJitterMake17CallsAndNoticeCompletion1300MillisLate() {
    Figures f = measure(Backoff.POLLING.withJitter(0), new FixedRandom(0));

    // Polls at 0.1, 0.3, 0.7, 1.5, 3.1, 6.3 s, then every 5 s: 11.3 ... 56.3, 61.3 s.
    assertThat(f).isEqualTo(new Figures(17, Duration.ofMillis(1300)));
    assertThat(f.polls()).isGreaterThan(15); // misses the call target
    assertThat(f.late()).isLessThan(ALLOWED_LATENESS); // meets the lateness target
  }

  /** polls min, polls max and the latest notice over 20 seeded random sources. */
  record Spread(int minPolls, int maxPolls, Duration maxLate) {}

  private Spread spread(Backoff polling) {
    int minPolls = Integer.MAX_VALUE;
    int maxPolls = 0;
    Duration maxLate = Duration.ZERO;
    for (long seed = 1; seed <= 20; seed++) {
      Figures f = measure(polling, new SplittableRandom(seed));
      minPolls = Math.min(minPolls, f.polls());
      maxPolls = Math.max(maxPolls, f.polls());
      maxLate = f.late().compareTo(maxLate) > 0 ? f.late() : maxLate;
    }
    return new Spread(minPolls, maxPolls, maxLate);
  }

  @Test
  void defaultsWithTheirJitterMake18To19Calls() {
    Spread s = spread(Backoff.POLLING);

    // Jitter 0.2 shortens delays by 10% on average: more calls, never later than the 5 s cap.
    assertThat(s.minPolls()).isEqualTo(18);
    assertThat(s.maxPolls()).isEqualTo(19);
    assertThat(s.maxLate()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aSixSecondCapMeetsTheTargetAt60Seconds() {
    // With a 5 s cap, 60 s need 6 ramp polls (to 6.3 s) + 11 more: 17. The cap must reach ~6 s for
    // 15 calls, and stay <= 6.2 s for the lateness bound, which leaves little room for jitter.
    assertThat(
            measure(
                Backoff.POLLING.withMax(Duration.ofSeconds(6)).withJitter(0), new FixedRandom(0)))
        .isEqualTo(new Figures(15, Duration.ofMillis(300)));
    assertThat(spread(Backoff.POLLING.withMax(Duration.ofSeconds(6))))
        .extracting(Spread::minPolls, Spread::maxPolls)
        .containsExactly(16, 17);

    Backoff recommended = Backoff.LONG_QUERY_POLLING;
    Spread s = spread(recommended);
    assertThat(s.maxPolls()).isEqualTo(15);
    assertThat(s.maxLate()).isLessThan(ALLOWED_LATENESS);
    assertThat(measure(recommended.withJitter(0), new FixedRandom(0)))
        .isEqualTo(new Figures(14, Duration.ofMillis(200)));
  }
}
