package dev.athenaws.protocol;

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

  /** Appends the content of another sink. */
  void write(ByteSink other) {
    write(other.buf, 0, other.count);
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
