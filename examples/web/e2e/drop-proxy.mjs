// A TCP proxy in front of the stack's WebSocket port that can cut every connection through it the
// way a network loss does: no WebSocket close frame, no TCP FIN, a reset (RST) to both ends
// (socket.resetAndDestroy). The browser sees its WebSocket fail (close code 1006, wasClean false)
// and the server sees its side of the TCP connection reset, exactly as when a NAT box or a mobile
// network drops the flow. Chrome's DevTools offline emulation is not used: it does not reliably end
// WebSocket connections that are already open.

import { createServer, connect } from 'node:net';

/**
 * Starts the proxy on 127.0.0.1 (a free port) to `target` ({host, port}).
 * @returns {{port: number, connections: () => number, drop: () => number, close: () => Promise<void>}}
 */
export async function startDropProxy(target) {
  const pairs = new Set();
  let accepted = 0;
  const server = createServer((client) => {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolveListen);
  });
  return {
    port: server.address().port,
    /** Connections accepted so far. */
    connections: () => accepted,
    /** Resets every open connection; @returns how many */
    drop() {
      const n = pairs.size;
      for (const { client, upstream } of [...pairs]) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
      return n;
    },
    close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      return new Promise((r) => server.close(() => r()));
    },
  };
}
