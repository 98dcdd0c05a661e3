package dev.newsfold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a running job and logs one progress line per interval: elements done per stage (from {@link StageClock}'s
 * counters) and elapsed time, so a person running a long local job sees it move. On a runner whose {@code run()}
 * blocks until the end (Flink) this returns at once, and the workers log instead ({@link StageClock}).
 */
final class ProgressLog {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  // Shown only once it starts: the guard rounds run only for very large story components.
  private static final String SHOWN_WHEN_STARTED = "story_rounds";

  private ProgressLog() {}

  /** Waits for the job to end, logging progress every {@code interval}; returns the final state. */
  static PipelineResult.State follow(PipelineResult result, Duration interval) {
    long start = System.nanoTime();
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(interval);
      if (state != null && state.isTerminal()) {
        return state;
      }
      try {
        LOG.info("{} s: {}", (System.nanoTime() - start) / 1_000_000_000L, line(done(result)));
      } catch (RuntimeException e) {
        LOG.debug("no metrics yet", e); // some runners answer metric queries only at the end
      }
    }
  }

  /** Elements done per stage so far (attempted: committed values exist only at the end). */
  static Map<String, Long> done(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      if (c.getName().getName().equals("elements")) {
        out.merge(c.getName().getNamespace(), c.getAttempted(), Long::sum);
      }
    }
    return out;
  }

  static String line(Map<String, Long> done) {
    List<String> parts = new ArrayList<>();
    for (String stage : StageClock.STAGES) {
      String what = switch (stage) {
        case "read" -> "files read";
        case "parse" -> "documents parsed";
        case "clean" -> "pages cleaned";
        case "story_keys" -> "articles keyed for stories";
        case "story_compare" -> "block members compared";
        case "story_rounds" -> "clusters visited in guard rounds";
        case "story_assign" -> "articles given a story";
        case "entities" -> "articles with entities";
        default -> "articles with claims";
      };
      long n = done.getOrDefault(stage, 0L);
      if (n > 0 || !stage.equals(SHOWN_WHEN_STARTED)) {
        parts.add(String.format("%,d %s", n, what));
      }
    }
    return String.join(", ", parts);
  }
}
