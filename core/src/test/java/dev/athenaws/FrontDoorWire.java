package dev.athenaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeManagementApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire fakes a front-door test runs against, in virtual time: Athena, the management API and
 * one client connection ({@code conn-1=}), with what that client received.
 */
final class FrontDoorWire implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final VirtualTime time = new VirtualTime();
  final FakeAthena athena = FakeAthena.start(time);
  final FakeManagementApi api = FakeManagementApi.start();
  final Connection client = api.connect("conn-1=");
  final ConnectionNotifier notifier =
      ApiGateway.notifier().clientFactory(ref -> api.client()).sleeper(time).build();

  /**
   * @return the messages the client received, parsed, in order
   */
  List<JsonNode> received() {
    List<JsonNode> out = new ArrayList<>();
    for (String m : api.messages(client.id())) {
      try {
        out.add(JSON.readTree(m));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    notifier.close();
    api.close();
    athena.close();
  }
}
