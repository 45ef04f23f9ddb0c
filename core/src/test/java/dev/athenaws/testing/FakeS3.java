package dev.athenaws.testing;

import dev.athenaws.internal.s3.MarkerObjects;
import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.ObjectUnavailableException;
import dev.athenaws.internal.s3.S3Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * An in-memory S3 behind core's {@link ObjectReader} and {@link MarkerObjects} seams: objects by
 * {@code s3://} URI, ranged opens, 403 and 404, ETags with If-Match (412 as CHANGED), opens that
 * fail (503), and connections that break after a given number of bytes (a reset mid-object).
 * Records every open's start byte and If-Match. Not an HTTP fake: core has no S3 SDK client to
 * point at one.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class FakeS3 implements ObjectReader, MarkerObjects {
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final Deque<Long> breaks = new ArrayDeque<>();
  private final List<Long> opens = new ArrayList<>();
  private final List<String> ifMatches = new ArrayList<>();
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
  private final List<String> heads = new ArrayList<>();
  private int failOpens;

  /** Stores (or replaces: a new version with a new ETag) an object. */
  public void put(String uri, byte[] bytes) {
    objects.put(uri, bytes.clone());
    versions.merge(uri, 1, Integer::sum);
  }

  public void put(String uri, String text) {
    put(uri, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers 403 AccessDenied for the object. */
  public void deny(String uri) {
    denied.add(uri);
  }

  /**
   * The next connections each break (IOException "Connection reset") after the given number of
   * bytes, one value per connection, in order.
   */
  public synchronized void breakAfter(long... bytes) {
    for (long b : bytes) {
      breaks.add(b);
    }
  }

  /** The next {@code count} opens fail with an IOException (a 503 or a timeout), before bytes. */
  public synchronized void failOpens(int count) {
    failOpens = count;
  }

  /**
   * @return the start byte of every open, in order
   */
  public synchronized List<Long> opens() {
    return List.copyOf(opens);
  }

  /**
   * @return the If-Match of every open, in order ("" for none)
   */
  public synchronized List<String> ifMatches() {
    return List.copyOf(ifMatches);
  }

  /**
   * @param uri the object
   * @return its current ETag, quoted as S3 sends it
   */
  public String etag(String uri) {
    return "\"v" + versions.getOrDefault(uri, 0) + "\"";
  }

  /** Writes an empty object with user metadata ({@link MarkerObjects}); 403 when denied. */
  @Override
  public void put(S3Location location, Map<String, String> meta) {
    String uri = location.toString();
    if (denied.contains(uri)) {
      throw new ObjectUnavailableException(ObjectUnavailableException.Reason.ACCESS_DENIED, uri);
    }
    metadata.put(uri, Map.copyOf(meta));
    put(uri, new byte[0]);
  }

  /** Reads an object's user metadata; empty for a missing object, 403 when denied. */
  @Override
  public Optional<Map<String, String>> head(S3Location location) {
    String uri = location.toString();
    synchronized (this) {
      heads.add(uri);
    }
    if (denied.contains(uri)) {
      throw new ObjectUnavailableException(ObjectUnavailableException.Reason.ACCESS_DENIED, uri);
    }
    return objects.containsKey(uri)
        ? Optional.of(metadata.getOrDefault(uri, Map.of()))
        : Optional.empty();
  }

  /**
   * @return the URI of every HeadObject, in order
   */
  public synchronized List<String> heads() {
    return List.copyOf(heads);
  }

  /**
   * @param uri the object
   * @return whether it exists
   */
  public boolean exists(String uri) {
    return objects.containsKey(uri);
  }

  @Override
  public Opened open(S3Location location, long fromByte, String ifMatch) throws IOException {
    String uri = location.toString();
    long cut;
    synchronized (this) {
      opens.add(fromByte);
      ifMatches.add(ifMatch == null ? "" : ifMatch);
      if (failOpens > 0) {
        failOpens--;
        throw new IOException("503 SlowDown");
      }
      cut = breaks.isEmpty() ? Long.MAX_VALUE : breaks.poll();
    }
    if (denied.contains(uri)) {
      throw new ObjectUnavailableException(ObjectUnavailableException.Reason.ACCESS_DENIED, uri);
    }
    byte[] bytes = objects.get(uri);
    if (bytes == null) {
      throw new ObjectUnavailableException(ObjectUnavailableException.Reason.NOT_FOUND, uri);
    }
    if (ifMatch != null && !ifMatch.equals(etag(uri))) {
      throw new ObjectUnavailableException(ObjectUnavailableException.Reason.CHANGED, uri);
    }
    int from = (int) Math.min(fromByte, bytes.length);
    InputStream in = new ByteArrayInputStream(bytes, from, bytes.length - from);
    return new Opened(cut == Long.MAX_VALUE ? in : new Breaking(in, cut), etag(uri), bytes.length);
  }

  /**
   * Writes rows the way Athena writes a SELECT's result object: a header record, every value
   * double-quoted with embedded quotes doubled, NULL as an unquoted empty field, records ended by
   * {@code \n}.
   *
   * @param header the column labels
   * @param rows the rows; a null value is NULL
   * @return the object's text
   */
  public static String athenaCsv(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    record(out, header);
    rows.forEach(r -> record(out, r));
    return out.toString();
  }

  private static void record(StringBuilder out, List<String> values) {
    out.append(
            values.stream()
                .map(v -> v == null ? "" : '"' + v.replace("\"", "\"\"") + '"')
                .collect(Collectors.joining(",")))
        .append('\n');
  }

  /** A connection that resets after a number of bytes. */
  private static final class Breaking extends InputStream {
    private final InputStream in;
    private long left;

    Breaking(InputStream in, long left) {
      this.in = in;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left-- <= 0) {
        throw new IOException("Connection reset");
      }
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("Connection reset");
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
