package dev.athenaws.lambda;

import dev.athenaws.AthenaWs;
import dev.athenaws.internal.s3.DownloadLinks;
import java.time.Duration;

/**
 * Delivery by download link, from the environment (docs/configuration.md): {@code
 * DOWNLOAD_LINKS_ENABLED}, {@code DOWNLOAD_LINK_TTL_SECONDS}, {@code DOWNLOAD_LINK_ROWS}, {@code
 * DOWNLOAD_LINK_BYTES}.
 *
 * @param enabled whether a query may be delivered as a link at all
 * @param ttl how long a link works
 * @param aboveRows results with more output rows get a link, null for no row threshold
 * @param aboveBytes result objects larger than this get a link, null for no byte threshold
 */
record LinkConfig(boolean enabled, Duration ttl, Long aboveRows, Long aboveBytes) {
  /** Default link lifetime: 15 minutes. */
  static final long DEFAULT_TTL_SECONDS = 900;

  /** S3's limit on a SigV4 presigned URL's lifetime: 7 days. */
  static final long MAX_TTL_SECONDS = 7 * 24 * 3600;

  /**
   * @throws IllegalStateException naming the variable whose value is invalid
   */
  static LinkConfig from(EnvReader r) {
    return new LinkConfig(
        r.bool("DOWNLOAD_LINKS_ENABLED"),
        Duration.ofSeconds(
            r.number("DOWNLOAD_LINK_TTL_SECONDS", DEFAULT_TTL_SECONDS, 1, MAX_TTL_SECONDS)),
        threshold(r, "DOWNLOAD_LINK_ROWS"),
        threshold(r, "DOWNLOAD_LINK_BYTES"));
  }

  private static Long threshold(EnvReader r, String name) {
    return r.text(name, null) == null ? null : r.number(name, 0, 0, Long.MAX_VALUE);
  }

  /**
   * Configures the front door: nothing when links are disabled.
   *
   * @param links the signer, null for the front door's default
   */
  void applyTo(AthenaWs.Builder ws, DownloadLinks links) {
    if (!enabled) {
      return;
    }
    if (links != null) {
      ws.downloadLinks(links);
    } else {
      ws.enableDownloadLinks();
    }
    ws.downloadLinkTtl(ttl);
    if (aboveRows != null) {
      ws.downloadLinkAboveRows(aboveRows);
    }
    if (aboveBytes != null) {
      ws.downloadLinkAboveBytes(aboveBytes);
    }
  }
}
