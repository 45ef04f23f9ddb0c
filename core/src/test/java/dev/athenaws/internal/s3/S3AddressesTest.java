package dev.athenaws.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

/** Where SignedS3's requests go, and which endpoint setting wins. */
class S3AddressesTest {
  @ParameterizedTest(name = "s3://{0}/{1} in {2}")
  @CsvSource({
    "results, q.csv, us-west-2, https://results.s3.us-west-2.amazonaws.com/q.csv",
    "results, q.csv, us-east-1, https://results.s3.us-east-1.amazonaws.com/q.csv",
    "results, q.csv, cn-north-1, https://results.s3.cn-north-1.amazonaws.com.cn/q.csv",
    "results, q.csv, us-gov-west-1, https://results.s3.us-gov-west-1.amazonaws.com/q.csv",
    "my.results, a b.csv, eu-west-1, https://s3.eu-west-1.amazonaws.com/my.results/a%20b.csv",
    "Legacy_Bucket, q.csv, us-east-1, https://s3.us-east-1.amazonaws.com/Legacy_Bucket/q.csv"
  })
  void awsIsVirtualHostedUnlessTheBucketIsNotADnsLabel(
      String bucket, String key, String region, String url) {
    assertThat(S3Addresses.objectUri(new S3Location(bucket, key), Region.of(region), null))
        .isEqualTo(URI.create(url));
  }

  @Test
  void anEndpointOverrideIsPathStyle() {
    S3Location o = new S3Location("athena-ws-local", "results/ü=1.csv");
    String expected = "http://localhost:8080/athena-ws-local/results/%C3%BC%3D1.csv";
    assertThat(S3Addresses.objectUri(o, Region.US_EAST_1, URI.create("http://localhost:8080")))
        .hasToString(expected);
    assertThat(S3Addresses.objectUri(o, Region.US_EAST_1, URI.create("http://localhost:8080/")))
        .hasToString(expected);
  }

  @Test
  void theEnvironmentsEndpointFollowsTheSdksOrder() {
    Map<String, String> props =
        Map.of("aws.endpointUrlS3", "http://a:1", "aws.endpointUrl", "http://b:2");
    Map<String, String> env =
        Map.of("AWS_ENDPOINT_URL_S3", "http://c:3", "AWS_ENDPOINT_URL", "http://d:4");
    assertThat(S3Addresses.endpointFromEnvironment(props::get, env::get))
        .contains(URI.create("http://a:1"));
    assertThat(
            S3Addresses.endpointFromEnvironment(
                Map.of("aws.endpointUrl", "http://b:2")::get, env::get))
        .contains(URI.create("http://b:2"));
    assertThat(S3Addresses.endpointFromEnvironment(k -> null, env::get))
        .contains(URI.create("http://c:3"));
    assertThat(
            S3Addresses.endpointFromEnvironment(
                k -> null, Map.of("AWS_ENDPOINT_URL", "http://d:4")::get))
        .contains(URI.create("http://d:4"));
    assertThat(S3Addresses.endpointFromEnvironment(k -> null, k -> null)).isEmpty();
    assertThatThrownBy(
            () ->
                S3Addresses.endpointFromEnvironment(
                    k -> null, Map.of("AWS_ENDPOINT_URL_S3", "localhost:8080")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_S3");
  }
}
