package dev.newsfold;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Measures the time a stage spends on its elements (summed over workers, so CPU-like time), as a Beam counter
 * {@code <stage>/busy_micros}, and the elements done as {@code <stage>/elements}; the manifest and the benchmark turn
 * them into per-stage throughput, and {@link ProgressLog} into progress lines.
 */
public final class StageClock implements Serializable {

  private final Counter micros;
  private final Counter elements;

  public StageClock(String stage) {
    this.micros = Metrics.counter(stage, "busy_micros");
    this.elements = Metrics.counter(stage, "elements");
  }

  public long start() {
    return System.nanoTime();
  }

  public void stop(long startNanos) {
    micros.inc((System.nanoTime() - startNanos) / 1000);
    elements.inc();
  }
}
