package dev.athenaws.internal.query;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.retry.Interrupts;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * The pages of a query's results, fetched one page ahead. GetQueryResults pages are strictly
 * sequential, so the only overlap possible is to fetch page k+1 while the caller processes page k:
 * {@link #open} starts fetching the first page at once, and each {@link #next()} that returns page
 * k (with a NextToken) hands the fetch of page k+1 to the executor before returning. Never more
 * than one fetch is in flight.
 *
 * <p>Memory bound: two pages, the one the caller holds and the one fetched ahead (at most 1000 rows
 * each, and Athena caps a row's data), provided the caller lets go of page k before asking for page
 * k+1.
 *
 * <p>Failures of a fetch are thrown by the {@link #next()} that would have returned its page, as
 * the fetcher threw them (see {@link PageFetcher#fetch}); after that {@link #hasNext()} is false.
 * {@link #close()} cancels the fetch in flight: its thread is interrupted (the SDK gives up at its
 * next interrupt check; a blocking socket read finishes first) and its page is discarded. close
 * never waits.
 *
 * <p>Thread-safety: one consumer thread calls {@link #hasNext()} and {@link #next()}; {@link
 * #close()} may be called from any thread, and a {@code next()} blocked at that moment throws
 * {@link IllegalStateException}.
 *
 * <p>Exceptions: {@link #open} throws {@link NullPointerException} for a null fetcher, id or
 * executor; {@link #next()} throws as documented on it; {@link #close()} never throws.
 */
public final class ResultPages implements Iterator<GetQueryResultsResponse>, AutoCloseable {
  private final PageFetcher fetcher;
  private final String queryExecutionId;
  private final Executor executor;
  private final Object lock = new Object();
  private Fetch pending; // guarded by lock; null when there is no further page
  private boolean closed; // guarded by lock

  private ResultPages(PageFetcher fetcher, String queryExecutionId, Executor executor) {
    this.fetcher = fetcher;
    this.queryExecutionId = queryExecutionId;
    this.executor = executor;
  }

  /**
   * Starts fetching the first page.
   *
   * @param fetcher fetches single pages
   * @param queryExecutionId a SUCCEEDED query
   * @param nextToken where to start: null for the first page, or a NextToken to resume
   * @param executor runs the fetches, one at a time per instance
   * @return the pages
   */
  public static ResultPages open(
      PageFetcher fetcher, String queryExecutionId, String nextToken, Executor executor) {
    ResultPages pages =
        new ResultPages(
            Objects.requireNonNull(fetcher, "fetcher"),
            Objects.requireNonNull(queryExecutionId, "queryExecutionId"),
            Objects.requireNonNull(executor, "executor"));
    Fetch first = pages.new Fetch(nextToken);
    synchronized (pages.lock) {
      pages.pending = first;
    }
    first.schedule();
    return pages;
  }

  @Override
  public boolean hasNext() {
    synchronized (lock) {
      return !closed && pending != null;
    }
  }

  /**
   * @return the next page; the fetch of the page after it has been handed to the executor
   * @throws NoSuchElementException after the last page or a failure
   * @throws IllegalStateException when closed
   * @throws AthenaWsException with code QUERY_CANCELLED when interrupted while waiting (the flag is
   *     restored and these pages closed)
   */
  @Override
  public GetQueryResultsResponse next() {
    Fetch fetch;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("ResultPages is closed");
      }
      if (pending == null) {
        throw new NoSuchElementException("no more pages");
      }
      fetch = pending;
    }
    GetQueryResultsResponse page = await(fetch);
    Fetch ahead = null;
    synchronized (lock) {
      if (!closed && page.nextToken() != null) {
        ahead = new Fetch(page.nextToken());
      }
      pending = ahead;
    }
    if (ahead != null) {
      ahead.schedule();
    }
    return page;
  }

  /** Cancels the fetch in flight, if any. Idempotent; never waits. */
  @Override
  public void close() {
    Fetch fetch;
    synchronized (lock) {
      closed = true;
      fetch = pending;
      pending = null;
    }
    if (fetch != null) {
      fetch.cancel(true);
    }
  }

  private GetQueryResultsResponse await(Fetch fetch) {
    try {
      return fetch.get();
    } catch (InterruptedException e) {
      close();
      throw Interrupts.cancelled("fetching results", e);
    } catch (CancellationException e) {
      throw new IllegalStateException("ResultPages was closed while fetching", e);
    } catch (ExecutionException e) {
      synchronized (lock) {
        pending = null;
      }
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AthenaWsException(ErrorCode.INTERNAL, "Fetching results failed", cause);
    }
  }

  /** One page's fetch: a FutureTask, so that cancel(true) interrupts the thread running it. */
  private final class Fetch extends FutureTask<GetQueryResultsResponse> {
    Fetch(String token) {
      super(() -> fetcher.fetch(queryExecutionId, token));
    }

    void schedule() {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        setException(e);
      }
    }
  }
}
