package dev.athenaws.testing;

import dev.athenaws.internal.s3.DownloadLink;
import dev.athenaws.internal.s3.DownloadLinks;
import dev.athenaws.internal.s3.ObjectUnavailableException;
import dev.athenaws.internal.s3.S3Location;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A signer behind core's {@link DownloadLinks} seam: links to {@code https://fake-s3/...} with a
 * secret-looking signature, expiring {@code validFor} after the clock's now, with a set object
 * size; or S3's refusals (403, 404) and a transient failure. Records every call.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class FakeDownloadLinks implements DownloadLinks {
  /** Part of every URL this fake makes: a test that must not find the URL searches for it. */
  public static final String SIGNATURE = "X-Amz-Signature=f4k3s3cr3t";

  private final Clock clock;
  private final List<Call> calls = new ArrayList<>();
  private long bytes = 1234;
  private ObjectUnavailableException.Reason refusal;
  private boolean transientFailure;

  /** One call: which object, for how long. */
  public record Call(S3Location location, Duration validFor) {}

  public FakeDownloadLinks(Clock clock) {
    this.clock = clock;
  }

  /** The size HeadObject reports from now on. */
  public synchronized FakeDownloadLinks bytes(long size) {
    this.bytes = size;
    return this;
  }

  /** S3 refuses from now on (403 or 404). */
  public synchronized FakeDownloadLinks refuse(ObjectUnavailableException.Reason reason) {
    this.refusal = reason;
    return this;
  }

  /** A reset or 5xx from now on. */
  public synchronized FakeDownloadLinks failTransiently() {
    this.transientFailure = true;
    return this;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public synchronized DownloadLink link(S3Location location, Duration validFor) throws IOException {
    calls.add(new Call(location, validFor));
    if (refusal != null) {
      throw new ObjectUnavailableException(refusal, "HeadObject " + refusal);
    }
    if (transientFailure) {
      throw new IOException("Connection reset");
    }
    URI url =
        URI.create(
            "https://fake-s3/"
                + location.bucket()
                + "/"
                + location.key()
                + "?X-Amz-Expires="
                + validFor.toSeconds()
                + "&"
                + SIGNATURE);
    return new DownloadLink(url, clock.instant().plus(validFor), bytes);
  }
}
