package dev.athenaws.lambda;

import dev.athenaws.RemainingTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A remaining-time source whose answers are scripted: each call answers the next value, the last
 * one repeating. What the handlers read of a Lambda invocation's time, without a Lambda {@code
 * Context}.
 */
final class ScriptedTime implements RemainingTime {
  private final Queue<Integer> remaining = new ArrayDeque<>();
  private int last;

  private ScriptedTime(int... millis) {
    for (int m : millis) {
      remaining.add(m);
    }
    last = millis.length == 0 ? 0 : millis[0];
  }

  static ScriptedTime remaining(int... millis) {
    return new ScriptedTime(millis);
  }

  static ScriptedTime plenty() {
    return new ScriptedTime(600_000);
  }

  @Override
  public synchronized Duration remaining() {
    Integer next = remaining.poll();
    return Duration.ofMillis(next != null ? (last = next) : last);
  }
}
