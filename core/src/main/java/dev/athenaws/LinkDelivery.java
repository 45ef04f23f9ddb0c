package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultPublisher;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.s3.DownloadLink;
import dev.athenaws.internal.s3.DownloadLinks;
import dev.athenaws.internal.s3.ObjectUnavailableException;
import dev.athenaws.internal.s3.ResultSource;
import dev.athenaws.internal.s3.S3Location;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a finished query's result as a {@code download} message (a presigned GET URL to its CSV)
 * then {@code complete}, instead of {@code rows}: when the client asked for it, or the result is
 * above a row or byte threshold, and links are enabled, and S3 can serve (a SELECT, an {@code
 * s3://} output location, not {@code CSE_KMS}, HeadObject not 403/404). In every other case it
 * answers null and the caller publishes rows. The URL is a bearer credential: it is never logged.
 * Thread-safe: no state between calls.
 */
final class LinkDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(LinkDelivery.class);

  /**
   * When a link is used.
   *
   * @param ttl how long a link works
   * @param aboveRows a result with more output rows gets a link, null for no row threshold
   * @param aboveBytes a result object larger than this gets a link, null for no byte threshold
   */
  record Policy(Duration ttl, Long aboveRows, Long aboveBytes) {
    /** Default link lifetime: 15 minutes. */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    /** S3's limit on a SigV4 presigned URL's lifetime ({@code X-Amz-Expires}): 7 days. */
    static final Duration MAX_TTL = Duration.ofDays(7);
  }

  private final DownloadLinks links;
  private final Policy policy;
  private final ResultPublisher publisher;

  /**
   * @param links the signer, null when links are disabled
   */
  LinkDelivery(DownloadLinks links, Policy policy, ResultPublisher publisher) {
    this.links = links;
    this.policy = policy;
    this.publisher = publisher;
  }

  /**
   * @return how the run ended when the result went out as a link, null when rows must be published
   */
  PublishResult deliver(
      PublishTarget target,
      Delivery asked,
      StatementKind kind,
      QueryStats stats,
      ResultRoute.ResultObject where) {
    if (links == null) {
      return null;
    }
    Long rows = stats.outputRows();
    boolean wanted =
        asked == Delivery.LINK
            || (policy.aboveRows() != null && rows != null && rows > policy.aboveRows());
    if (!wanted && policy.aboveBytes() == null) {
      return null;
    }
    String id = target.queryExecutionId();
    Optional<S3Location> location = servable(id, kind, where, wanted);
    if (location.isEmpty()) {
      return null;
    }
    DownloadLink link = link(id, location.get());
    if (link == null) {
      return null;
    }
    if (!wanted && link.bytes() <= policy.aboveBytes()) {
      return null;
    }
    LOG.info("query {}: result delivered as a download link ({})", id, link);
    return publisher.publishFile(
        target,
        new ServerMessage.Download(
            target.requestId(),
            id,
            link.url(),
            link.expiresAt(),
            ServerMessage.Download.CSV,
            link.bytes()),
        stats);
  }

  /** The result object when S3 can serve it; empty (logged with the reason) when not. */
  private static Optional<S3Location> servable(
      String id, StatementKind kind, ResultRoute.ResultObject where, boolean wanted) {
    Optional<String> refusal =
        ResultSource.refusal(kind, where.outputLocation(), where.encryptionOption());
    if (refusal.isPresent()) {
      // Only a link that was wanted is worth an INFO line; a byte-threshold probe is routine.
      if (wanted) {
        LOG.info("query {}: delivered as rows, no download link ({})", id, refusal.get());
      } else {
        LOG.debug("query {}: no download link ({})", id, refusal.get());
      }
      return Optional.empty();
    }
    return S3Location.parse(where.outputLocation());
  }

  private DownloadLink link(String id, S3Location location) {
    try {
      return links.link(location, policy.ttl());
    } catch (ObjectUnavailableException e) {
      LOG.info("query {}: delivered as rows, S3 will not serve a link ({})", id, e.reason());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "query {}: delivered as rows, the download link failed ({})",
          id,
          e.getClass().getSimpleName());
    }
    return null;
  }
}
