package dev.athenaws.local.athena;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The executions by id, in submission order, and the ClientRequestToken -> id map that makes
 * StartQueryExecution idempotent. Keeps at most {@code capacity} executions: past that the oldest
 * finished ones are evicted and returned so their result tables can be dropped.
 *
 * <p>Thread-safety: all methods synchronize on this store.
 */
final class QueryStore {
  private final Map<String, Execution> byId = new LinkedHashMap<>();
  private final Map<String, String> idByToken = new HashMap<>();
  private final Map<String, String> tokenById = new HashMap<>();
  private final int capacity;

  QueryStore(int capacity) {
    this.capacity = capacity;
  }

  /** The outcome of a start: the execution, whether it is new, and executions evicted for room. */
  record Started(Execution execution, boolean created, List<Execution> evicted) {}

  synchronized Started start(String token, Supplier<Execution> create) {
    if (token != null) {
      String existing = idByToken.get(token);
      if (existing != null && byId.containsKey(existing)) {
        return new Started(byId.get(existing), false, List.of());
      }
    }
    Execution e = create.get();
    byId.put(e.id, e);
    if (token != null) {
      idByToken.put(token, e.id);
      tokenById.put(e.id, token);
    }
    return new Started(e, true, evict());
  }

  synchronized Execution get(String id) {
    return byId.get(id);
  }

  synchronized List<Execution> all() {
    return new ArrayList<>(byId.values());
  }

  private List<Execution> evict() {
    List<Execution> evicted = new ArrayList<>();
    Iterator<Execution> it = byId.values().iterator();
    while (byId.size() > capacity && it.hasNext()) {
      Execution e = it.next();
      if (e.isTerminal()) {
        it.remove();
        String token = tokenById.remove(e.id);
        if (token != null) {
          idByToken.remove(token);
        }
        evicted.add(e);
      }
    }
    return evicted;
  }
}
