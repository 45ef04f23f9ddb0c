package dev.athenaws.internal.publish;

import dev.athenaws.internal.retry.Interrupts;
import dev.athenaws.notify.PostOutcome;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;

/**
 * Up to {@code max} posts of one run in flight at once, on the publisher's executor; with {@code
 * max == 1} every post is made on the calling thread and awaited, as before there was a window.
 *
 * <ul>
 *   <li>A post that ends {@link PostOutcome.Gone} or otherwise undelivered, or that throws, stops
 *       the window: nothing more is issued, the posts in flight are awaited, and the caller gets
 *       one outcome (Gone first, since nobody can hear an error then; then the first undelivered
 *       outcome; then the first exception, rethrown).
 *   <li>A post delivered only after retries ({@link PostOutcome.Delivered#attempts()} > 1: the
 *       notifier was throttled, or saw 5xx) shrinks the window to 1; each post delivered at the
 *       first attempt widens it by one again, up to {@code max} (additive increase, multiplicative
 *       decrease), so the account's {@code PostToConnection} rate is not hammered.
 *   <li>Every post issued is awaited before {@link #drain()} or {@link #settle()} returns, so a run
 *       that returns has no task left running. An interrupt of the waiting thread cancels the run:
 *       nothing more is issued, the posts in flight are awaited but not interrupted (a send cut in
 *       half can lose a client that is still owed the final error; each post is bounded by the
 *       notifier's own retries), and the run ends as {@code QUERY_CANCELLED} ({@link Interrupts}).
 * </ul>
 *
 * <p>Thread-safety: not thread-safe; used by one run's publishing thread. The posts themselves run
 * on the executor's threads, so the notifier must be thread-safe (as {@link
 * dev.athenaws.notify.ConnectionNotifier} requires).
 */
final class PostWindow {
  private final Messenger messenger;
  private final PublishTarget target;
  private final int max;
  private final CompletionService<PostOutcome> posts;

  /** The posts in flight, with the number of posts issued before each. */
  private final Map<Future<PostOutcome>, Long> inFlight = new HashMap<>();

  private long issued;
  private long recoverFrom;
  private int limit;
  private boolean gone;
  private PostOutcome undelivered;
  private RuntimeException failure;

  PostWindow(Messenger messenger, PublishTarget target, Executor executor, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("postsInFlight must be >= 1: " + max);
    }
    this.messenger = messenger;
    this.target = target;
    this.max = max;
    this.limit = max;
    this.posts = max == 1 ? null : new ExecutorCompletionService<>(executor);
  }

  /**
   * Issues one post once there is room in the window.
   *
   * @return null when it was issued (or, with max 1, delivered); else the outcome that stopped the
   *     window, after every post in flight finished
   * @throws RuntimeException a post's exception, after every post in flight finished
   * @throws dev.athenaws.error.AthenaWsException QUERY_CANCELLED when interrupted while waiting
   */
  PostOutcome offer(byte[] message) {
    if (posts == null) {
      PostOutcome outcome = messenger.post(target, message);
      return outcome.delivered() ? null : outcome;
    }
    while (!stopped() && inFlight.size() >= limit) {
      awaitOne();
    }
    if (stopped()) {
      return drain();
    }
    inFlight.put(posts.submit(() -> messenger.post(target, message)), issued++);
    return null;
  }

  /**
   * @return the posts issued and not yet settled by this window (tests: the window's size)
   */
  int inFlight() {
    return inFlight.size();
  }

  /**
   * Waits for every post in flight.
   *
   * @return null when all were delivered, else the outcome that stopped the window
   * @throws RuntimeException a post's exception
   * @throws dev.athenaws.error.AthenaWsException QUERY_CANCELLED when interrupted while waiting
   */
  PostOutcome drain() {
    while (!inFlight.isEmpty()) {
      awaitOne();
    }
    if (gone) {
      return new PostOutcome.Gone();
    }
    if (undelivered != null) {
      return undelivered;
    }
    if (failure != null) {
      RuntimeException e = failure;
      failure = null;
      throw e;
    }
    return null;
  }

  /**
   * Settles the window after the run failed for another reason: waits for the posts in flight;
   * never throws.
   *
   * @return true when a post found the connection gone (no error can reach the client)
   */
  boolean settle() {
    awaitAll();
    return gone;
  }

  private boolean stopped() {
    return gone || undelivered != null || failure != null;
  }

  private void awaitOne() {
    Future<PostOutcome> done;
    try {
      done = posts.take();
    } catch (InterruptedException e) {
      // Cancelled: issue nothing more, and let the posts in flight end by themselves (each is
      // bounded by the notifier's retries) rather than interrupt them: a send cut in half can
      // lose the client (a server's own socket), and it still owes the client the final error.
      Thread.currentThread().interrupt();
      awaitAll();
      throw Interrupts.cancelled("waiting for posts in flight", e);
    }
    finish(done);
    if (Thread.currentThread().isInterrupted()) {
      // An interrupt that raced with a post's end: take() hands over the post and keeps the
      // interrupt (AbstractQueuedSynchronizer's condition wait re-asserts an interrupt that came
      // after the signal), so without this check one more post would be issued after it.
      awaitAll();
      throw Interrupts.cancelled("waiting for posts in flight", null);
    }
  }

  /** Waits for every post in flight, setting an interrupt aside until they all ended. */
  private void awaitAll() {
    boolean interrupted = Thread.interrupted();
    try {
      while (!inFlight.isEmpty()) {
        try {
          finish(posts.take());
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void finish(Future<PostOutcome> done) {
    long index = inFlight.remove(done);
    try {
      record(done.get(), index);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (failure == null) {
        failure =
            cause instanceof RuntimeException r ? r : new IllegalStateException("post failed", e);
      }
    } catch (InterruptedException e) {
      // A done future's get() does not wait; keep the flag for the caller all the same.
      Thread.currentThread().interrupt();
    }
  }

  private void record(PostOutcome outcome, long index) {
    if (outcome instanceof PostOutcome.Delivered d) {
      if (d.attempts() > 1) {
        limit = 1;
        recoverFrom = issued;
      } else if (index >= recoverFrom) {
        // Only a post issued after the window shrank says that the rate is acceptable again.
        limit = Math.min(max, limit + 1);
      }
    } else if (outcome instanceof PostOutcome.Gone) {
      gone = true;
    } else if (undelivered == null) {
      undelivered = outcome;
    }
  }
}
