package dev.athenaws.local.s3;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The local stack's S3 objects, in a temporary directory (not the heap: a result of a million rows
 * is hundreds of megabytes). An object is written through {@link #create} and becomes visible only
 * when its writer is {@linkplain Upload#publish() published}, complete, as an S3 PUT does; a writer
 * closed without publishing leaves nothing. Buckets exist once created or written to.
 *
 * <p>Thread-safety: thread-safe. {@link #close} deletes every object.
 */
public final class ObjectStore implements AutoCloseable {
  private final Path dir;
  private final Clock clock;
  private final Map<String, Map<String, StoredObject>> buckets = new ConcurrentHashMap<>();
  private final AtomicLong files = new AtomicLong();

  /**
   * @param clock the clock of Last-Modified
   * @throws UncheckedIOException when the temporary directory cannot be created
   */
  public ObjectStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.dir = Files.createTempDirectory("athena-ws-s3-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the S3 object directory", e);
    }
  }

  /**
   * @param bucket the bucket to create; nothing happens if it exists
   */
  public void createBucket(String bucket) {
    buckets.computeIfAbsent(
        Objects.requireNonNull(bucket, "bucket"), b -> new ConcurrentHashMap<>());
  }

  /**
   * @param bucket a bucket name
   * @return whether it exists
   */
  public boolean bucketExists(String bucket) {
    return buckets.containsKey(bucket);
  }

  /**
   * @param bucket the bucket
   * @param key the key
   * @return the object, empty when the bucket or the key does not exist
   */
  public Optional<StoredObject> head(String bucket, String key) {
    Map<String, StoredObject> b = buckets.get(bucket);
    return b == null ? Optional.empty() : Optional.ofNullable(b.get(key));
  }

  /**
   * Starts writing an object (creating its bucket if needed).
   *
   * @param bucket the bucket
   * @param key the key
   * @param contentType the Content-Type it will be served with
   * @return the writer; publish it to make the object visible
   * @throws IOException when the file cannot be created
   */
  public Upload create(String bucket, String key, String contentType) throws IOException {
    createBucket(bucket);
    Path file = dir.resolve("o" + files.incrementAndGet());
    return new Upload(bucket, key, contentType, file);
  }

  /**
   * Writes a whole object at once.
   *
   * @param bucket the bucket
   * @param key the key
   * @param contentType its Content-Type
   * @param bytes its content
   * @throws IOException when it cannot be written
   */
  public void put(String bucket, String key, String contentType, byte[] bytes) throws IOException {
    put(bucket, key, contentType, bytes, Map.of());
  }

  /**
   * Writes a whole object at once with user metadata (PutObject's {@code x-amz-meta-*} headers).
   *
   * @param bucket the bucket
   * @param key the key
   * @param contentType its Content-Type
   * @param bytes its content
   * @param metadata its user metadata, names lower case without the prefix
   * @throws IOException when it cannot be written
   */
  public void put(
      String bucket, String key, String contentType, byte[] bytes, Map<String, String> metadata)
      throws IOException {
    try (Upload u = create(bucket, key, contentType)) {
      u.metadata = Map.copyOf(metadata);
      u.write(bytes);
      u.publish();
    }
  }

  /**
   * Deletes an object, as a bucket's lifecycle rule expires results (the stack never does on its
   * own; tests do).
   *
   * @param bucket the bucket
   * @param key the key
   * @return whether there was such an object
   */
  public boolean delete(String bucket, String key) {
    Map<String, StoredObject> b = buckets.get(bucket);
    return b != null && b.remove(key) != null;
  }

  /**
   * @return the emulator's result writer into this store ({@code s3://bucket/key} locations)
   */
  public dev.athenaws.local.athena.ResultObjects resultObjects() {
    return uri -> {
      if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
        throw new IOException("not an s3://bucket/key location: " + uri);
      }
      int slash = uri.indexOf('/', 5);
      Upload u = create(uri.substring(5, slash), uri.substring(slash + 1), "text/csv");
      return new dev.athenaws.local.athena.ResultObjects.Pending() {
        @Override
        public OutputStream stream() {
          return u;
        }

        @Override
        public void publish() throws IOException {
          u.publish();
        }

        @Override
        public void close() throws IOException {
          u.close();
        }
      };
    };
  }

  @Override
  public void close() {
    buckets.clear();
    try (Stream<Path> all = Files.list(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // best effort: the directory is under the system temp directory
    }
  }

  /** An object being written. Not thread-safe: one writer thread. */
  public final class Upload extends FilterOutputStream {
    private final String bucket;
    private final String key;
    private final String contentType;
    private final Path file;
    private final MessageDigest md5;
    private long length;
    private boolean closed;
    private Map<String, String> metadata = Map.of();

    private Upload(String bucket, String key, String contentType, Path file) throws IOException {
      super(null);
      this.bucket = bucket;
      this.key = key;
      this.contentType = contentType;
      this.file = file;
      try {
        this.md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is a required JDK algorithm", e);
      }
      this.out =
          new DigestOutputStream(
              new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), md5);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      length++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      length += len;
    }

    /**
     * Completes the object and makes it visible (replacing an object of the same key).
     *
     * @throws IOException when the bytes cannot be flushed
     */
    public void publish() throws IOException {
      closeFile();
      Path done = dir.resolve(file.getFileName() + ".done");
      Files.move(file, done, StandardCopyOption.ATOMIC_MOVE);
      StoredObject o =
          new StoredObject(
              done,
              length,
              HexFormat.of().formatHex(md5.digest()),
              clock.instant(),
              contentType,
              metadata);
      buckets.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>()).put(key, o);
    }

    /** Discards the object unless it was published. */
    @Override
    public void close() throws IOException {
      closeFile();
      Files.deleteIfExists(file);
    }

    private void closeFile() throws IOException {
      if (!closed) {
        closed = true;
        out.close();
      }
    }
  }
}
