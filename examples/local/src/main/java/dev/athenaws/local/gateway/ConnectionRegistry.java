package dev.athenaws.local.gateway;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The gateway's open connections by id. Ids look like API Gateway's: 16 characters of base64 ending
 * in {@code =} (so clients must URL-encode them in {@code @connections} paths, as with the real
 * one).
 *
 * <p>Thread-safety: thread-safe.
 */
final class ConnectionRegistry {
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();

  String newId() {
    byte[] bytes = new byte[11];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  void add(Connection connection) {
    open.put(connection.id(), connection);
  }

  void remove(String id) {
    open.remove(id);
  }

  Optional<Connection> find(String id) {
    return Optional.ofNullable(open.get(id));
  }

  int size() {
    return open.size();
  }

  Collection<Connection> all() {
    return open.values();
  }
}
