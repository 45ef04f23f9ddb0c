package dev.athenaws.internal.protocol;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that exposes its array, so bytes can be copied on without an extra copy
 * (unlike {@code ByteArrayOutputStream.toByteArray()}).
 *
 * <p>Thread-safety: not thread-safe.
 */
final class ByteSink extends OutputStream {
  private byte[] buf;
  private int count;

  ByteSink(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  @Override
  public void write(int b) {
    ensure(count + 1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(count + len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  /** Appends {@code len} bytes of another sink, from {@code off}. */
  void write(ByteSink other, int off, int len) {
    write(other.buf, off, len);
  }

  /** Keeps only the first {@code size} bytes. */
  void truncate(int size) {
    count = size;
  }

  /** Moves {@code [from, size())} to the start, dropping what was before it. */
  void dropFirst(int from) {
    System.arraycopy(buf, from, buf, 0, count - from);
    count -= from;
  }

  int size() {
    return count;
  }

  void reset() {
    count = 0;
  }

  /** Drops content and shrinks the array back to {@code capacity} if it grew past it. */
  void reset(int capacity) {
    count = 0;
    if (buf.length > capacity) {
      buf = new byte[capacity];
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }

  private void ensure(int needed) {
    if (needed < 0) {
      throw new OutOfMemoryError("buffer larger than 2 GiB");
    }
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }
}
