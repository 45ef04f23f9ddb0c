package dev.athenaws.internal.s3;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An object's bytes that survive a broken connection: when a read fails with an {@link IOException}
 * (reset, timeout), the object is opened again from the byte reached (a ranged {@code GetObject})
 * and reading goes on, so the parser above sees one unbroken stream: no byte, hence no row, lost or
 * repeated. Each reopen is conditional on the ETag of the first response ({@code If-Match}), so the
 * bytes come from the same version of the object; a replaced object fails with {@link
 * ObjectUnavailableException} ({@code CHANGED}), never retried. Before each reopen it waits the
 * backoff's delay (through the injected sleeper); at most {@code maxResumes} reopens in a row
 * without a byte of progress, then the failure is thrown.
 *
 * <p>Thread-safety: not thread-safe; one reader.
 */
final class ResumingInputStream extends InputStream {
  private final ObjectReader reader;
  private final S3Location location;
  private final String etag;
  private final int maxResumes;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private InputStream in;
  private long position;
  private int failuresInARow;
  private long resumes;

  ResumingInputStream(
      ObjectReader reader,
      S3Location location,
      ObjectReader.Opened first,
      int maxResumes,
      Sleeper sleeper,
      Backoff backoff) {
    this.reader = reader;
    this.location = location;
    this.in = first.body();
    this.etag = first.etag();
    this.maxResumes = maxResumes;
    this.sleeper = sleeper;
    this.backoff = backoff;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          position += n;
          failuresInARow = 0;
        }
        return n;
      } catch (ObjectUnavailableException e) {
        throw e;
      } catch (IOException e) {
        if (++failuresInARow > maxResumes) {
          throw e;
        }
        reopen(e);
      }
    }
  }

  private void reopen(IOException cause) throws IOException {
    closeQuietly(in);
    resumes++;
    try {
      sleeper.sleep(backoff.delay(failuresInARow, ThreadLocalRandom.current()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException stop = new InterruptedIOException("interrupted before a resume");
      stop.addSuppressed(cause);
      throw stop;
    }
    try {
      in = reader.open(location, position, etag).body();
    } catch (IOException e) {
      e.addSuppressed(cause);
      // The next read retries the open, within the same budget.
      in = new FailingOnce(e);
    }
  }

  /**
   * @return bytes delivered so far
   */
  long position() {
    return position;
  }

  /**
   * @return how many times the object was opened again
   */
  long resumes() {
    return resumes;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static void closeQuietly(InputStream s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // The connection is broken already.
    }
  }

  /** A stream whose first read throws the failure of an open, so that it counts as one failure. */
  private static final class FailingOnce extends InputStream {
    private final IOException failure;

    FailingOnce(IOException failure) {
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      throw failure;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      throw failure;
    }
  }
}
