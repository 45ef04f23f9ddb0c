package dev.athenaws.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sampling profiler as simple as can be: every period it takes every thread's stack ({@link
 * ThreadMXBean#dumpAllThreads}, full depth) and counts each thread that is RUNNABLE and not waiting
 * in a socket poll, epoll or accept, under the first category whose marker appears anywhere in its
 * stack. So it sees native work too (DuckDB runs in C++ under {@code org.duckdb.DuckDBNative}),
 * which Java-only samplers miss. Samples are taken at safepoints: a coarse picture, good for "where
 * does the time go", not for hot methods.
 *
 * <p>Thread-safety: start and stop from one thread.
 */
public final class StackSampler {
  /**
   * A category: a sample belongs to the first category (in list order) one of whose markers is a
   * prefix of a frame's {@code class.method} anywhere in the stack, or whose thread name starts
   * with one of its thread prefixes.
   *
   * @param name the category's name in the report
   * @param threadPrefixes thread name prefixes, may be empty
   * @param frameMarkers frame prefixes ({@code package.Class.method} or shorter)
   */
  public record Category(String name, List<String> threadPrefixes, List<String> frameMarkers) {}

  private static final List<String> IDLE_TOPS =
      List.of(
          "sun.nio.ch.EPoll.wait",
          "sun.nio.ch.Net.poll",
          "sun.nio.ch.Net.accept",
          "sun.nio.ch.ServerSocketChannelImpl.accept",
          "java.net.PlainSocketImpl.socketAccept",
          "java.net.SocketInputStream.socketRead0",
          "java.lang.ref.Reference.waitForReferencePendingList",
          "java.io.FileInputStream.readBytes");

  private final List<Category> categories;
  private final Duration period;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Long> other = new TreeMap<>();
  private volatile boolean running;
  private Thread thread;
  private long samples;

  /**
   * @param categories checked in order; samples that match none count as "other"
   * @param period the time between samples
   */
  public StackSampler(List<Category> categories, Duration period) {
    this.categories = List.copyOf(categories);
    this.period = period;
    categories.forEach(c -> counts.put(c.name(), 0L));
    counts.put("other", 0L);
  }

  /** Starts sampling on a daemon thread. */
  public void start() {
    running = true;
    thread = new Thread(this::loop, "stack-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops sampling.
   *
   * @return busy-thread samples per category, in category order, "other" last
   */
  public Map<String, Long> stop() throws InterruptedException {
    running = false;
    thread.join();
    return new LinkedHashMap<>(counts);
  }

  /**
   * @return how many dumps were taken
   */
  public long dumps() {
    return samples;
  }

  /**
   * @return the top frames of "other" samples, by count, for checking the categories
   */
  public Map<String, Long> otherTops() {
    return other;
  }

  private void loop() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    while (running) {
      for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
        if (t.getThreadState() == Thread.State.RUNNABLE && busy(t)) {
          String c = categorize(t);
          counts.merge(c, 1L, Long::sum);
        }
      }
      samples++;
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean busy(ThreadInfo t) {
    StackTraceElement[] st = t.getStackTrace();
    if (st.length == 0 || t.getThreadName().equals("stack-sampler")) {
      return false;
    }
    String top = st[0].getClassName() + "." + st[0].getMethodName();
    return IDLE_TOPS.stream().noneMatch(top::startsWith);
  }

  private String categorize(ThreadInfo t) {
    StackTraceElement[] st = t.getStackTrace();
    for (Category c : categories) {
      if (c.threadPrefixes().stream().anyMatch(t.getThreadName()::startsWith)) {
        return c.name();
      }
      for (StackTraceElement f : st) {
        String frame = f.getClassName() + "." + f.getMethodName();
        if (c.frameMarkers().stream().anyMatch(frame::startsWith)) {
          return c.name();
        }
      }
    }
    other.merge(
        st[0].getClassName()
            + "."
            + st[0].getMethodName()
            + " ["
            + t.getThreadName().replaceAll("\\d+", "N")
            + "]",
        1L,
        Long::sum);
    return "other";
  }
}
