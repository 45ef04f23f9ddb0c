package dev.athenaws.lambda.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceHeaderTest {
  @Test
  void lambdasHeaderWithLineageIsRead() {
    assertThat(
            TraceHeader.parse(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0"))
        .contains(new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", true));
  }

  @Test
  void fieldsInAnyOrderWithSpaces() {
    assertThat(
            TraceHeader.parse(
                "Sampled=0; Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793"))
        .contains(
            new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", false));
  }

  @Test
  void malformedIdsAreNoHeader() {
    assertThat(TraceHeader.parse("Root=1-xyz;Parent=53995c3f42cd8ad8;Sampled=1")).isEmpty();
    assertThat(
            TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f;Sampled=1"))
        .isEmpty();
    assertThat(TraceHeader.parse(null)).isEmpty();
  }

  @Test
  void downstreamHeaderIsParentedOnTheSubsegment() {
    TraceHeader h =
        new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", true);
    assertThat(h.downstream("0123456789abcdef"))
        .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0123456789abcdef;Sampled=1");
  }
}
