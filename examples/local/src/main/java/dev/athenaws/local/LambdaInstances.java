package dev.athenaws.local;

import dev.athenaws.lambda.Handlers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * One Lambda function's execution environments, as the Lambda service runs them: an instance serves
 * one invocation at a time, and an invocation that arrives while every instance is busy gets a new
 * one ("For each concurrent request, Lambda provisions a separate instance of your execution
 * environment", AWS Lambda Developer Guide, "Understanding Lambda function scaling",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html); an instance is reused once
 * it is free. So what one invocation keeps in memory (a run's cancel flag, say) is not seen by a
 * concurrent one, exactly as on AWS: a cancel handled while a query streams runs in another
 * instance. Beyond {@link #MAX} instances the stack shares busy ones (Lambda would answer 429) so
 * that load runs keep running; docs/local.md says so.
 *
 * <p>Thread-safety: thread-safe.
 */
final class LambdaInstances implements AutoCloseable {
  /** Instances per function before they are shared (Lambda's default quota is 1,000). */
  static final int MAX = 64;

  /** One invocation of an instance. */
  @FunctionalInterface
  interface Invocation<R, E extends Exception> {
    R run(Handlers instance) throws E;
  }

  private final Supplier<Handlers> init;
  private final Deque<Handlers> idle = new ArrayDeque<>();
  private final List<Handlers> all = new ArrayList<>();
  private int shared;
  private boolean closed;

  /**
   * @param init makes a new instance (its init phase)
   * @param warm instances made already, idle (none: pass nothing)
   */
  LambdaInstances(Supplier<Handlers> init, Handlers... warm) {
    this.init = init;
    for (Handlers h : warm) {
      all.add(h);
      idle.push(h);
    }
  }

  /** Runs an invocation on an idle instance, or a new one when all are busy. */
  <R, E extends Exception> R invoke(Invocation<R, E> invocation) throws E {
    Handlers instance = take();
    try {
      return invocation.run(instance);
    } finally {
      release(instance);
    }
  }

  private Handlers take() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the local stack is stopped");
      }
      if (!idle.isEmpty()) {
        return idle.pop();
      }
      if (all.size() >= MAX) {
        return all.get(shared++ % all.size());
      }
    }
    Handlers made = init.get(); // outside the lock: an init takes a while
    synchronized (this) {
      if (closed) {
        made.close();
        throw new IllegalStateException("the local stack is stopped");
      }
      all.add(made);
    }
    return made;
  }

  private synchronized void release(Handlers instance) {
    if (!closed && !idle.contains(instance)) {
      idle.push(instance); // the most recently used first, as warm instances are
    }
  }

  @Override
  public void close() {
    List<Handlers> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(all);
      all.clear();
      idle.clear();
    }
    toClose.forEach(Handlers::close);
  }
}
