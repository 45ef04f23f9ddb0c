package dev.athenaws.internal.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * A notifier whose {@code rows} posts wait until the test releases them, so a test decides in which
 * order posts in flight complete. Other messages ({@code complete}, {@code error}) answer at once.
 * The outcome of each {@code rows} post is scripted by its {@code seq} (a script that throws makes
 * the post throw). Records what was delivered, in delivery order, and each released batch's size.
 *
 * <p>Thread-safe: state is guarded by this object's lock.
 */
final class GatedNotifier implements ConnectionNotifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Pending(int seq, JsonNode message, CompletableFuture<PostOutcome> answer) {}

  private final IntFunction<PostOutcome> script;
  private final List<Pending> pending = new ArrayList<>();
  private final List<JsonNode> delivered = new ArrayList<>();
  private final List<Integer> batches = new ArrayList<>();
  private final List<Integer> issued = new ArrayList<>();
  private int arrived;
  private int unfinished;

  /**
   * @param script the outcome of the rows post of each seq
   */
  GatedNotifier(IntFunction<PostOutcome> script) {
    this.script = script;
  }

  @Override
  public PostOutcome post(Connection connection, byte[] payload) {
    JsonNode message = parse(payload);
    if (!message.get("type").asText().equals("rows")) {
      synchronized (this) {
        delivered.add(message);
      }
      return new PostOutcome.Delivered(1);
    }
    Pending p = new Pending(message.get("seq").asInt(), message, new CompletableFuture<>());
    synchronized (this) {
      pending.add(p);
      issued.add(p.seq());
      arrived++;
      unfinished++;
    }
    try {
      return p.answer().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AthenaWsException(ErrorCode.QUERY_CANCELLED, "interrupted", e);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    } finally {
      synchronized (this) {
        unfinished--;
        notifyAll();
      }
    }
  }

  /**
   * Completes every waiting post, the highest seq first; delivered ones are recorded in that order.
   */
  synchronized void releaseNewestFirst() {
    List<Pending> batch = new ArrayList<>(pending);
    pending.clear();
    batch.sort(Comparator.comparingInt(Pending::seq).reversed());
    batches.add(batch.size());
    for (Pending p : batch) {
      PostOutcome outcome;
      try {
        outcome = script.apply(p.seq());
      } catch (RuntimeException e) {
        p.answer().completeExceptionally(e);
        continue;
      }
      if (outcome.delivered()) {
        delivered.add(p.message());
      }
      p.answer().complete(outcome);
    }
  }

  synchronized int pending() {
    return pending.size();
  }

  /**
   * @return rows posts that reached this notifier
   */
  synchronized int arrived() {
    return arrived;
  }

  /**
   * @return posts that have not returned yet (waiting, or released and still returning)
   */
  synchronized int unfinished() {
    return unfinished;
  }

  /**
   * @return the messages delivered, in delivery order
   */
  synchronized List<JsonNode> delivered() {
    return List.copyOf(delivered);
  }

  /**
   * @return the size of each released batch, in order
   */
  synchronized List<Integer> batches() {
    return List.copyOf(batches);
  }

  /**
   * @return the seq of each rows post, in the order the posts reached this notifier
   */
  synchronized List<Integer> issued() {
    return List.copyOf(issued);
  }

  @Override
  public PostOutcome disconnect(Connection connection) {
    return new PostOutcome.Delivered(1);
  }

  private static JsonNode parse(byte[] payload) {
    try {
      return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
