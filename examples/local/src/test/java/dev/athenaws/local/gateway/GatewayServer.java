package dev.athenaws.local.gateway;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A gateway's WebSocket and management API on a Jetty server of their own, on a free loopback port.
 *
 * @param server the running server, for the test to stop
 * @param port its port
 */
record GatewayServer(Server server, int port) {
  static GatewayServer start(Gateway gateway) throws Exception {
    Server server = new Server();
    ServerConnector connector =
        new ServerConnector(server, new HttpConnectionFactory(Gateway.httpConfiguration()));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Sequence(gateway.webSocket(server), gateway.managementApi()));
    server.start();
    return new GatewayServer(server, connector.getLocalPort());
  }
}
