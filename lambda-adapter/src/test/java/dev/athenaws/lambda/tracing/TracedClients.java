package dev.athenaws.lambda.tracing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Real SDK clients pointed at an in-process fake with the interceptor under test, followed by one
 * that records the {@code X-Amzn-Trace-Id} header each attempt is sent with.
 */
final class TracedClients {
  /** The trace header of each attempt sent, null when it had none. */
  final List<String> sentHeaders = new ArrayList<>();

  private final ExecutionInterceptor tracing;

  TracedClients(ExecutionInterceptor tracing) {
    this.tracing = tracing;
  }

  <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
      B builder, URI endpoint) {
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes a) {
            synchronized (sentHeaders) {
              sentHeaders.add(
                  context
                      .httpRequest()
                      .firstMatchingHeader(SubsegmentInterceptor.TRACE_HEADER)
                      .orElse(null));
            }
          }
        };
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(
            c ->
                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .addExecutionInterceptor(tracing)
                    .addExecutionInterceptor(recorder))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
