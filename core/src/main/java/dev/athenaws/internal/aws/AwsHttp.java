package dev.athenaws.internal.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.CompletableFutureUtils;

/**
 * What a hand-signed AWS call needs from its surroundings, found as the SDK's own clients find it:
 * the HTTP client on the class path, the region, the endpoint override of one service and the
 * current credentials; and sending one signed request.
 *
 * <p>The endpoint override follows the SDK's documented order (AwsClientEndpointProvider,
 * https://docs.aws.amazon.com/java/api/latest/software/amazon/awssdk/awscore/endpoint/AwsClientEndpointProvider.html;
 * "Service-specific endpoints",
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): system property
 * {@code aws.endpointUrl<ServiceName>}, system property {@code aws.endpointUrl}, environment
 * variable {@code AWS_ENDPOINT_URL_<SERVICE>}, environment variable {@code AWS_ENDPOINT_URL}. (The
 * shared config file's {@code endpoint_url} settings, later in that order, are not read.)
 *
 * <p>Thread-safety: stateless.
 *
 * <p>Exceptions: as each method says.
 */
public final class AwsHttp {
  private AwsHttp() {}

  /**
   * The first HTTP client implementation found with {@link ServiceLoader} (the Lambda jar bundles
   * url-connection-client).
   *
   * @return a new client, the caller's to close
   * @throws IllegalStateException when no implementation is on the class path or it cannot load
   */
  public static SdkHttpClient httpClientFromClassPath() {
    SdkHttpService service;
    try {
      // The interface's own loader, not the context loader: a provider found through another
      // loader (a host that loads the Lambda jar in its own class loader) is "not a subtype".
      service =
          ServiceLoader.load(SdkHttpService.class, SdkHttpService.class.getClassLoader())
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no SDK HTTP client on the class path"));
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("the SDK HTTP client could not be loaded", e);
    }
    return service.createHttpClientBuilder().build();
  }

  /**
   * The region: system property {@code aws.region}, then {@code AWS_REGION} from the given
   * environment, then the SDK's default region chain.
   *
   * @param environment looks up an environment variable, null when unset
   * @return the region
   * @throws IllegalStateException when no region is configured
   */
  public static Region region(UnaryOperator<String> environment) {
    return region(System::getProperty, environment);
  }

  /**
   * As {@link #region(UnaryOperator)}, with the system properties read from {@code properties}.
   *
   * @param properties looks up a system property, null when unset
   * @param environment looks up an environment variable, null when unset
   * @return the region
   * @throws IllegalStateException when no region is configured
   */
  public static Region region(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    String named = properties.apply("aws.region");
    if (named == null || named.isBlank()) {
      named = environment.apply("AWS_REGION");
    }
    if (named != null && !named.isBlank()) {
      return Region.of(named.trim());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      throw new IllegalStateException("no AWS region configured", e);
    }
  }

  /**
   * The endpoint configured outside the code for one service, in the SDK's order (above).
   *
   * @param serviceProperty the service's system property, such as {@code aws.endpointUrlS3}
   * @param serviceVariable the service's environment variable, such as {@code AWS_ENDPOINT_URL_S3}
   * @param systemProperty reads a system property (null when unset)
   * @param environment reads an environment variable (null when unset)
   * @return the endpoint, empty for AWS's
   * @throws IllegalArgumentException when the setting is not an absolute http(s) URI
   */
  public static Optional<URI> endpointOverride(
      String serviceProperty,
      String serviceVariable,
      UnaryOperator<String> systemProperty,
      UnaryOperator<String> environment) {
    String[][] sources = {
      {serviceProperty, systemProperty.apply(serviceProperty)},
      {"aws.endpointUrl", systemProperty.apply("aws.endpointUrl")},
      {serviceVariable, environment.apply(serviceVariable)},
      {"AWS_ENDPOINT_URL", environment.apply("AWS_ENDPOINT_URL")},
    };
    for (String[] source : sources) {
      String value = source[1];
      if (value != null && !value.isBlank()) {
        URI uri = URI.create(value.trim());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new IllegalArgumentException(source[0] + " must be an http(s) URL: " + value);
        }
        return Optional.of(uri);
      }
    }
    return Optional.empty();
  }

  /**
   * @param provider the credentials provider
   * @return its current credentials (waiting for them)
   * @throws RuntimeException as the provider fails (the SDK's {@code SdkClientException} when no
   *     credentials can be found)
   */
  public static AwsCredentialsIdentity currentCredentials(
      IdentityProvider<? extends AwsCredentialsIdentity> provider) {
    return CompletableFutureUtils.joinLikeSync(provider.resolveIdentity());
  }

  /**
   * Sends one signed request.
   *
   * @param http the client
   * @param signed the signed request
   * @param body the request body, null for none
   * @return the response; the caller closes its body
   * @throws IOException when the request cannot be sent or its response read
   */
  public static HttpExecuteResponse send(
      SdkHttpClient http, SdkHttpRequest signed, ContentStreamProvider body) throws IOException {
    try {
      return http.prepareRequest(
              HttpExecuteRequest.builder().request(signed).contentStreamProvider(body).build())
          .call();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
