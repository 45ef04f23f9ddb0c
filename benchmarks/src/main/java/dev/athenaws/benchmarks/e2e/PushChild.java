package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.athenaws.RemainingTime;
import dev.athenaws.lambda.Handlers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The push side of the memory benchmark, run in its own JVM with Lambda's smallest heap: builds the
 * real handlers ({@link Handlers#fromEnvironment}) against a local stack and invokes {@code
 * PushResultsHandler} as the state machine does (again with its own output while it answers {@code
 * done: false}, each invocation with a 15-minute Lambda context) for a finished query, then prints
 * one line {@code PUSHED {json}}: the last output, the invocations, the peak heap in use (the sum
 * of the heap pools' peaks, garbage included), the largest heap left after any collection (the live
 * set) and the collections.
 *
 * <p>Arguments: stack endpoint (Athena, and S3 as {@code AWS_ENDPOINT_URL_S3}), management endpoint
 * ({@code WEBSOCKET_ENDPOINT}), connection id, query execution id, and optionally more environment
 * variables of the handlers as {@code NAME=value,NAME=value} (the result-fetch setting of the S3
 * path, say).
 */
public final class PushChild {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PushChild() {}

  public static void main(String[] args) throws Exception {
    AtomicLong liveMax = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  long after =
                      info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                          .mapToLong(MemoryUsage::getUsed)
                          .sum();
                  liveMax.accumulateAndGet(after, Math::max);
                  collections.incrementAndGet();
                }
              },
              null,
              null);
    }
    System.setProperty("aws.endpointUrlAthena", args[0]);
    // The system-property form of AWS_ENDPOINT_URL_S3: the stack's S3 endpoint (path-style).
    System.setProperty("aws.endpointUrlS3", args[0]);
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    Map<String, String> env = new java.util.HashMap<>();
    env.put("ATHENA_WS_MODE", "inline");
    env.put("AWS_REGION", "us-east-1");
    env.put("WEBSOCKET_ENDPOINT", args[1]);
    env.put("ATHENA_WS_PRIME", "off");
    env.put("AWS_ENDPOINT_URL_S3", args[0]);
    env.putAll(environment(args.length > 4 ? args[4] : ""));
    Handlers handlers = Handlers.fromEnvironment(env);
    ObjectNode input = JSON.createObjectNode();
    input
        .putObject("connection")
        .put("connectionId", args[2])
        .put("apiId", "local00000")
        .put("region", "us-east-1")
        .put("stage", "dev");
    input.put("requestId", "memory").put("queryExecutionId", args[3]);
    JsonNode out = input;
    int invocations = 0;
    long start = System.nanoTime();
    do {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      // Each invocation has a Lambda's 15 minutes.
      handlers
          .pushResults()
          .handle(
              new ByteArrayInputStream(JSON.writeValueAsBytes(out)),
              buffer,
              RemainingTime.until(Instant.now().plus(Duration.ofMinutes(15)), Clock.systemUTC()));
      out = JSON.readTree(buffer.toByteArray());
      invocations++;
    } while (out.path("done").isBoolean() && !out.path("done").asBoolean());
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    ObjectNode result = JSON.createObjectNode();
    result.set("output", out);
    result.put("invocations", invocations);
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("heapPeakBytes", peak);
    result.put("liveAfterGcMaxBytes", liveMax.get());
    result.put("collections", collections.get());
    result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    System.out.println("PUSHED " + result);
  }

  /**
   * @param list {@code NAME=value,NAME=value}, or empty
   * @return the variables
   * @throws IllegalArgumentException when an entry has no {@code =}
   */
  static Map<String, String> environment(String list) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String entry : list.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("not NAME=value: " + entry);
      }
      env.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return env;
  }
}
