package dev.athenaws.internal.publish;

import dev.athenaws.Continuation;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.RowChunker;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.results.Column;
import dev.athenaws.internal.results.MappedPage;
import dev.athenaws.internal.results.MappingListener;
import dev.athenaws.internal.results.ResultSetMapper;
import dev.athenaws.internal.results.Row;
import dev.athenaws.internal.s3.CsvResultPages;
import dev.athenaws.notify.PostOutcome;
import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * One publishing run: pages -> mapper -> chunker -> posts (through a {@link PostWindow}, up to N in
 * flight), then {@code complete}. {@code complete}, a pause's continuation and an {@code error} are
 * sent or returned only after every earlier post finished. Holds the run's state (mapper, chunker,
 * counters, window); not thread-safe, used once.
 */
final class PublishRun {
  private final Messenger messenger;
  private final ChunkPolicy policy;
  private final ResultRequest request;
  private final PublishTarget target;
  private final ResultSetMapper mapper;
  private final PostWindow window;
  private RowChunker chunker;

  /** The {@code seq} of the next message made; those the client holds are not posted. */
  private int seq;

  PublishRun(
      Messenger messenger,
      ChunkPolicy policy,
      boolean strict,
      MappingListener listener,
      ResultRequest request,
      PostWindow window) {
    this.messenger = messenger;
    this.window = window;
    this.policy = policy;
    this.request = request;
    this.target = request.target();
    this.seq = request.from().nextSeq();
    ResultSetMapper.Builder mapping =
        ResultSetMapper.builder()
            .statementKind(request.statementKind())
            .columnTypes(request.columnTypes())
            .strict(strict)
            .firstPageNumber(request.from().pageNumber());
    if (listener != null) {
      mapping.listener(listener);
    }
    this.mapper = mapping.build();
  }

  PublishResult run(Iterator<GetQueryResultsResponse> pages, PauseCondition pause) {
    // The S3 reader's pages say so by their type; every other source pages GetQueryResults.
    String resultPath = pages instanceof CsvResultPages ? "s3" : "api";
    try {
      while (pages.hasNext()) {
        MappedPage page = mapper.map(pages.next());
        if (chunker == null) {
          chunker = newChunker(page.columns());
        }
        for (Row row : page.rows()) {
          PublishResult stop = post(chunker.add(row));
          if (stop != null) {
            return stop;
          }
        }
        if (!page.isLast() && pause.shouldPause()) {
          PublishResult stop = post(chunker.finish());
          if (stop == null) {
            stop = check(window.drain());
          }
          return stop != null
              ? stop
              : new PublishResult.Paused(
                  new Continuation(
                      page.nextToken(),
                      page.pageNumber() + 1,
                      chunker.nextSeq(),
                      rows(),
                      chunks(),
                      request.from().skipThroughSeq()));
        }
      }
      if (chunker == null) {
        chunker = newChunker(List.of());
      }
      PublishResult stop = post(chunker.finish());
      if (stop == null) {
        stop = check(window.drain());
      }
      if (stop != null) {
        return stop;
      }
      if (request.stopped().getAsBoolean()) {
        return new PublishResult.Stopped();
      }
      ServerMessage.Complete complete =
          new ServerMessage.Complete(
              target.requestId(),
              target.queryExecutionId(),
              rows(),
              chunks(),
              request.statistics(),
              resultPath);
      stop = check(messenger.send(target, complete));
      return stop != null ? stop : new PublishResult.Completed(rows(), chunks());
    } catch (RuntimeException e) {
      // ROW_TOO_LARGE, a strict-mode ValueFormatException, a failed page fetch or post: the client
      // hears why (an AthenaWsException with its code, anything else as INTERNAL).
      return fail(e);
    }
  }

  /** The one {@code error} of a failed run, after the posts in flight finished. */
  private PublishResult fail(RuntimeException e) {
    if (window.settle()) {
      return new PublishResult.ConnectionGone();
    }
    return messenger.fail(target, e);
  }

  private RowChunker newChunker(List<Column> columns) {
    return RowChunker.resume(
        policy, target.requestId(), target.queryExecutionId(), columns, request.from().nextSeq());
  }

  private long rows() {
    return request.from().rowsSoFar() + (chunker == null ? 0 : chunker.rowCount());
  }

  private int chunks() {
    return request.from().chunksSoFar() + (chunker == null ? 0 : chunker.chunkCount());
  }

  /**
   * @return null when every message was delivered, else how the run ends
   */
  private PublishResult post(List<byte[]> messages) {
    for (byte[] message : messages) {
      if (seq++ <= request.from().skipThroughSeq()) {
        continue; // the client holds it from an earlier connection
      }
      if (request.stopped().getAsBoolean()) {
        window.settle();
        return new PublishResult.Stopped();
      }
      PublishResult stop = check(window.offer(message));
      if (stop != null) {
        return stop;
      }
    }
    return null;
  }

  private PublishResult check(PostOutcome outcome) {
    if (outcome == null) {
      return null;
    }
    return messenger.check(target, outcome);
  }
}
