package dev.athenaws.benchmarks.e2e;

import java.util.List;

/** Where the end-to-end path's busy threads can be: the categories of {@link StackSampler}. */
final class Profile {
  private Profile() {}

  static final List<StackSampler.Category> CATEGORIES =
      List.of(
          new StackSampler.Category(
              "benchmark client (JDK WebSocket, JSON parsing)", List.of("HttpClient-"), List.of()),
          new StackSampler.Category(
              "emulator: running the query into its result table (DuckDB)",
              List.of(),
              List.of("dev.athenaws.local.athena.QueryRunner.run")),
          new StackSampler.Category(
              "emulator: GetQueryResults (DuckDB page read, JSON answer)",
              List.of(),
              List.of("dev.athenaws.local.athena.Operations.results")),
          new StackSampler.Category(
              "emulator: other Athena and Step Functions calls",
              List.of(),
              List.of("dev.athenaws.local.AwsEndpoints")),
          new StackSampler.Category(
              "management API: POST in, WebSocket frames out",
              List.of(),
              List.of("dev.athenaws.local.gateway.ManagementApi")),
          new StackSampler.Category(
              "push: mapping (ResultSetMapper)",
              List.of(),
              List.of("dev.athenaws.internal.results.")),
          new StackSampler.Category(
              "push: chunking, JSON encoding (RowChunker)",
              List.of(),
              List.of("dev.athenaws.internal.protocol.")),
          new StackSampler.Category(
              "push: SDK unmarshalling (GetQueryResults JSON to objects)",
              List.of(),
              List.of(
                  "software.amazon.awssdk.protocols.json.internal.unmarshall",
                  "software.amazon.awssdk.core.internal.http.pipeline.stages.HandleResponseStage")),
          new StackSampler.Category(
              "push: SDK other (HTTP client, marshalling, signing, pipeline)",
              List.of(),
              List.of("software.amazon.awssdk")),
          new StackSampler.Category(
              "Jetty: HTTP and WebSocket I/O", List.of(), List.of("org.eclipse.jetty")));
}
