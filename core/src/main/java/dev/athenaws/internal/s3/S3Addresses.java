package dev.athenaws.internal.s3;

import dev.athenaws.internal.aws.AwsHttp;
import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Where an S3 object's requests go.
 *
 * <p>On AWS, virtual-hosted style {@code https://<bucket>.s3.<region>.<dnsSuffix>/<key>}, the
 * partition's DNS suffix from the SDK's region metadata ({@code amazonaws.com}, {@code
 * amazonaws.com.cn}, ...). Path style {@code https://s3.<region>.<dnsSuffix>/<bucket>/<key>} for
 * bucket names that are not DNS labels: with a dot the name would not match the {@code
 * *.s3.<region>.amazonaws.com} wildcard certificate (S3 user guide, "Virtual hosting of general
 * purpose buckets", https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html).
 * With an endpoint override (an S3-compatible server, the local stack) always path style, as the
 * SDK's {@code forcePathStyle(true)}.
 *
 * <p>The key is URI-encoded as S3's canonical URI wants it, once: every byte but the RFC 3986
 * unreserved characters percent-encoded (UTF-8), {@code /} kept (S3 API reference, "Signature
 * Calculations for the Authorization Header", CanonicalURI; S3 is the one service whose paths are
 * not double-encoded), with the SDK's own encoder.
 *
 * <p>The endpoint from the environment follows the SDK's documented order
 * (AwsClientEndpointProvider,
 * https://docs.aws.amazon.com/java/api/latest/software/amazon/awssdk/awscore/endpoint/AwsClientEndpointProvider.html):
 * system property {@code aws.endpointUrlS3}, system property {@code aws.endpointUrl}, environment
 * variable {@code AWS_ENDPOINT_URL_S3}, environment variable {@code AWS_ENDPOINT_URL}. (The shared
 * config file's {@code endpoint_url} settings, later in that order, are not read.)
 *
 * <p>Thread-safety: stateless.
 */
final class S3Addresses {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  private S3Addresses() {}

  /**
   * @param location the object
   * @param region the bucket's region
   * @param override the endpoint override, null for AWS
   * @return the object's URL, path and key encoded
   */
  static URI objectUri(S3Location location, Region region, URI override) {
    String key = SdkHttpUtils.urlEncodeIgnoreSlashes(location.key());
    String bucket = SdkHttpUtils.urlEncode(location.bucket());
    if (override != null) {
      String base = override.toString();
      if (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      return URI.create(base + "/" + bucket + "/" + key);
    }
    String host = "s3." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix();
    if (DNS_LABEL.matcher(location.bucket()).matches()) {
      return URI.create("https://" + location.bucket() + "." + host + "/" + key);
    }
    return URI.create("https://" + host + "/" + bucket + "/" + key);
  }

  /**
   * @param systemProperty reads a system property (null when unset)
   * @param environment reads an environment variable (null when unset)
   * @return the S3 endpoint configured outside the code, empty for AWS's
   * @throws IllegalArgumentException when the setting is not an absolute http(s) URI
   */
  static Optional<URI> endpointFromEnvironment(
      UnaryOperator<String> systemProperty, UnaryOperator<String> environment) {
    return AwsHttp.endpointOverride(
        "aws.endpointUrlS3", "AWS_ENDPOINT_URL_S3", systemProperty, environment);
  }
}
