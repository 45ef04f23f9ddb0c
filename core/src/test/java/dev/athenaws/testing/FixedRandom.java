package dev.athenaws.testing;

import java.util.random.RandomGenerator;

/** A random source whose nextDouble is always the same, so jittered delays are exact in tests. */
public final class FixedRandom implements RandomGenerator {
  private final double value;

  public FixedRandom(double value) {
    this.value = value;
  }

  @Override
  public long nextLong() {
    throw new AssertionError("only nextDouble is used by Backoff");
  }

  @Override
  public double nextDouble() {
    return value;
  }
}
