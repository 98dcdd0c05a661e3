package dev.newsfold;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the time a stage spends on its elements (summed over workers, so CPU-like time), as a Beam counter
 * {@code <stage>/busy_micros}, and the elements done as {@code <stage>/elements}; the manifest and the benchmark turn
 * them into per-stage throughput, and {@link ProgressLog} into progress lines.
 *
 * <p>Where the driver cannot follow those counters while the job runs (Beam's Flink runner blocks in {@code run()}
 * and reports metrics only at the end), clocks built after {@link #logOnWorkers(boolean) logOnWorkers(true)} count
 * per worker process and log a progress line there at most every 30 seconds, so a long Flink job is not silent.
 */
public final class StageClock implements Serializable {
  /** The stages that keep a clock, in pipeline order: the order of progress lines and benchmark reports. */
  public static final List<String> STAGES = List.of("read", "parse", "clean", "story_keys", "story_compare",
      "story_rounds", "story_assign", "entities", "claims");

  private static final Logger LOG = LoggerFactory.getLogger(StageClock.class);
  private static final long LOG_INTERVAL_NANOS = 30_000_000_000L;

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static volatile boolean logOnWorkers;
  // Per worker process (static: not serialized with the clocks).
  private static final Map<String, AtomicLong> DONE = new ConcurrentHashMap<>();
  private static final AtomicLong LAST_LOG = new AtomicLong(System.nanoTime());

  private final String stage;
  private final boolean log = logOnWorkers; // travels with the DoFn to the workers
  private final Counter micros;
  private final Counter cpuMicros;
  private final Counter elements;
  // Busy time is wall time: when more chains run than there are cores (Flink runs every chain of a batch job at
  // once), it counts waiting for a core too. The thread's CPU time says what the stage itself costs.
  private transient long cpuStart;

  public StageClock(String stage) {
    this.stage = stage;
    this.micros = Metrics.counter(stage, "busy_micros");
    this.cpuMicros = Metrics.counter(stage, "cpu_micros");
    this.elements = Metrics.counter(stage, "elements");
  }

  /** Whether clocks built from now on log progress on the workers themselves (set before building the pipeline). */
  static void logOnWorkers(boolean on) {
    logOnWorkers = on;
  }

  /** Starts a timing; a clock belongs to one DoFn instance, which Beam runs on one thread at a time. */
  public long start() {
    cpuStart = THREADS.getCurrentThreadCpuTime();
    return System.nanoTime();
  }

  public void stop(long startNanos) {
    stop(startNanos, 1);
  }

  /** Ends a timing that covered {@code done} elements (a step that handles a shard of them at a time). */
  public void stop(long startNanos, long done) {
    long now = System.nanoTime();
    micros.inc((now - startNanos) / 1000);
    cpuMicros.inc((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000);
    elements.inc(done);
    if (log) {
      DONE.computeIfAbsent(stage, s -> new AtomicLong()).addAndGet(done);
      long last = LAST_LOG.get();
      if (now - last >= LOG_INTERVAL_NANOS && LAST_LOG.compareAndSet(last, now)) {
        LOG.info("this worker so far: {}", ProgressLog.line(workerDone()));
      }
    }
  }

  /** Elements done per stage in this process by clocks that log on workers. */
  static Map<String, Long> workerDone() {
    Map<String, Long> out = new TreeMap<>();
    DONE.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
