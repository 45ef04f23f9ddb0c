package dev.athenaws.local.s3;

import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A path-style S3 endpoint on the stack's port: {@code GET}, {@code HEAD} and {@code PUT
 * /<bucket>/<key>} (GetObject with one byte range and If-Match, HeadObject, PutObject of small
 * objects with user metadata), S3's XML errors, and presigned GET URLs (SigV4, and SigV2 as the AWS
 * CLI v1 writes them) whose expiry is enforced (signatures are not verified). A request is S3's
 * when it is signed for the {@code s3} service (Authorization header or {@code X-Amz-Credential})
 * or its first path segment is an existing bucket; anything else passes to the next handler.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class S3Endpoint extends Handler.Abstract {
  private static final int CHUNK = 64 * 1024;
  private static final String S3_SCOPE = "/s3/aws4_request";
  private static final String META = "x-amz-meta-";
  private static final int MAX_PUT_BYTES = 1024 * 1024;

  /** The emulated network: time to first byte and bandwidth (0 = unlimited). */
  public record Network(int firstByteMs, int mbps) {}

  private final ObjectStore store;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Network network;

  /**
   * @param store the objects served
   * @param clock the clock presigned URLs expire by
   * @param sleeper waits out the emulated first-byte latency and bandwidth
   * @param network the emulated latency and bandwidth
   */
  public S3Endpoint(ObjectStore store, Clock clock, Sleeper sleeper, Network network) {
    this.store = store;
    this.clock = clock;
    this.sleeper = sleeper;
    this.network = network;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method) && !"PUT".equals(method)) {
      return false;
    }
    String path = Request.getPathInContext(request);
    String rest = path.startsWith("/") ? path.substring(1) : path;
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    Fields query = Request.extractQueryParameters(request);
    if (!signedForS3(request, query) && !store.bucketExists(bucket)) {
      return false;
    }
    boolean head = "HEAD".equals(method);
    Optional<Presigned.Refusal> refused =
        Presigned.check(
            query.getValue("X-Amz-Date"), query.getValue("X-Amz-Expires"), clock.instant());
    if (refused.isEmpty() && query.getValue("AWSAccessKeyId") != null) {
      refused = Presigned.checkV2(query.getValue("Expires"), clock.instant());
    }
    if (refused.isPresent()) {
      Presigned.Refusal r = refused.get();
      S3Errors.Error e = new S3Errors.Error(r.status(), r.code(), r.message());
      if (r.expires() != null) {
        e =
            e.with("X-Amz-Expires", r.expires())
                .with("Expires", r.expiresAt())
                .with("ServerTime", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
      }
      S3Errors.send(response, callback, e, head);
      return true;
    }
    if (!store.bucketExists(bucket)) {
      S3Errors.send(response, callback, S3Errors.noSuchBucket(bucket), head);
      return true;
    }
    if (key.isEmpty()) {
      S3Errors.send(response, callback, S3Errors.notImplemented(), head);
      return true;
    }
    if ("PUT".equals(method)) {
      put(request, response, callback, bucket, key);
      return true;
    }
    Optional<StoredObject> found = store.head(bucket, key);
    if (found.isEmpty()) {
      S3Errors.send(response, callback, S3Errors.noSuchKey(key), head);
      return true;
    }
    String ifMatch = request.getHeaders().get(HttpHeader.IF_MATCH);
    if (ifMatch != null && !etagMatches(ifMatch, found.get().etag())) {
      S3Errors.send(response, callback, S3Errors.preconditionFailed("If-Match"), head);
      return true;
    }
    serve(request, response, callback, found.get(), head);
    return true;
  }

  /**
   * PutObject of a small object: the body (at most {@link #MAX_PUT_BYTES}) and its user metadata,
   * the {@code x-amz-meta-*} headers, which S3 stores with the object and returns on GetObject and
   * HeadObject (S3 User Guide, "Working with object metadata": user-defined metadata names are
   * stored lower case); answered 200 with the ETag (S3 API reference, PutObject). Athena-ws writes
   * only empty cancel marks here; larger uploads are Athena's own, inside the emulator.
   */
  private void put(Request request, Response response, Callback callback, String bucket, String key)
      throws IOException {
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_PUT_BYTES + 1);
    }
    if (body.length > MAX_PUT_BYTES) {
      S3Errors.send(
          response,
          callback,
          new S3Errors.Error(400, "EntityTooLarge", "The local endpoint takes small objects."),
          false);
      return;
    }
    String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
    if (encoding != null && encoding.contains("aws-chunked")) {
      try {
        body = AwsChunked.decode(body);
      } catch (IllegalArgumentException e) {
        S3Errors.send(
            response, callback, new S3Errors.Error(400, "IncompleteBody", e.getMessage()), false);
        return;
      }
    }
    Map<String, String> metadata = new TreeMap<>();
    for (HttpField field : request.getHeaders()) {
      String name = field.getName().toLowerCase(Locale.ROOT);
      if (name.startsWith(META)) {
        metadata.put(name.substring(META.length()), field.getValue());
      }
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    store.put(bucket, key, type == null ? "binary/octet-stream" : type, body, metadata);
    response.setStatus(200);
    response
        .getHeaders()
        .put(HttpHeader.ETAG, "\"" + store.head(bucket, key).orElseThrow().etag() + "\"");
    response.getHeaders().put("x-amz-request-id", S3Errors.requestId());
    response.write(true, null, callback);
  }

  /**
   * If-Match holds when it is {@code *} or lists the object's ETag (quoted or not). S3 checks it
   * before the Range (GetObject: "If-Match ... otherwise, return a 412 Precondition Failed", S3 API
   * reference, https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html; RFC 9110 13.2.2:
   * preconditions before Range).
   */
  static boolean etagMatches(String ifMatch, String etag) {
    for (String tag : ifMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals("\"" + etag + "\"") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean signedForS3(Request request, Fields query) {
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    String credential = query.getValue("X-Amz-Credential");
    return (auth != null && auth.contains(S3_SCOPE))
        || (credential != null && credential.contains(S3_SCOPE));
  }

  private void serve(
      Request request, Response response, Callback callback, StoredObject o, boolean head)
      throws IOException, InterruptedException {
    ByteRange.Parsed parsed =
        ByteRange.parse(request.getHeaders().get(HttpHeader.RANGE), o.length());
    if (parsed instanceof ByteRange.Unsatisfiable) {
      response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + o.length());
      S3Errors.send(
          response,
          callback,
          S3Errors.invalidRange(request.getHeaders().get(HttpHeader.RANGE), o.length()),
          head);
      return;
    }
    long first = 0;
    long count = o.length();
    int status = 200;
    if (parsed instanceof ByteRange.Partial p) {
      first = p.range().first();
      count = p.range().length();
      status = 206;
      response
          .getHeaders()
          .put(
              HttpHeader.CONTENT_RANGE,
              "bytes " + p.range().first() + "-" + p.range().last() + "/" + o.length());
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, o.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, count);
    response.getHeaders().put(HttpHeader.ETAG, "\"" + o.etag() + "\"");
    response
        .getHeaders()
        .put(
            HttpHeader.LAST_MODIFIED,
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                o.lastModified().atOffset(java.time.ZoneOffset.UTC)));
    response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
    o.metadata().forEach((name, value) -> response.getHeaders().put(META + name, value));
    response.getHeaders().put("x-amz-request-id", S3Errors.requestId());
    if (head) {
      response.write(true, null, callback);
      return;
    }
    sleeper.sleep(Duration.ofMillis(network.firstByteMs()));
    try (InputStream in = Files.newInputStream(o.file());
        OutputStream out = Content.Sink.asOutputStream(response)) {
      in.skipNBytes(first);
      byte[] buffer = new byte[CHUNK];
      long left = count;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
        sleeper.sleep(transferTime(n, network.mbps()));
      }
    } catch (IOException e) {
      callback.failed(e); // the client went away mid-object
      return;
    }
    callback.succeeded();
  }

  /**
   * @return how long {@code bytes} take at {@code mbps} megabits per second (0: no time)
   */
  static Duration transferTime(long bytes, int mbps) {
    return mbps <= 0 ? Duration.ZERO : Duration.ofNanos(bytes * 8_000L / mbps);
  }
}
