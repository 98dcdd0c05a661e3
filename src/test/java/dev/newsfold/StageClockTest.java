package dev.newsfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageClockTest {
  @AfterEach
  void off() {
    StageClock.logOnWorkers(false);
  }

  @Test
  void clocksBuiltForWorkerLoggingCountPerProcessAndKeepTheSettingWhenShipped() {
    StageClock quiet = new StageClock("clock-test-quiet");
    quiet.stop(quiet.start());
    assertFalse(StageClock.workerDone().containsKey("clock-test-quiet"));

    StageClock.logOnWorkers(true);
    StageClock built = new StageClock("clock-test-logged");
    StageClock.logOnWorkers(false); // the setting travels with the clock, as in a DoFn sent to a worker
    StageClock shipped = SerializableUtils.clone(built);
    for (int i = 0; i < 3; i++) {
      shipped.stop(shipped.start());
    }
    built.stop(built.start());
    assertEquals(4L, StageClock.workerDone().get("clock-test-logged"));
  }

  /** Works for {@code millis} of this thread's CPU time, or sleeps for -millis (wall time, no CPU). */
  static class WorkOrSleepFn extends DoFn<Integer, Integer> {
    private final StageClock clock = new StageClock("clock-test-cpu");

    @ProcessElement
    public void process(@Element Integer millis, OutputReceiver<Integer> out) throws InterruptedException {
      long t = clock.start();
      if (millis > 0) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000L;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
          x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        out.output((int) (x & 1));
      } else {
        Thread.sleep(-millis);
      }
      clock.stop(t);
    }
  }

  @Test
  void theClockCountsTheStagesCpuTimeApartFromItsWallTime() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    p.apply(Create.of(80, -300)).apply(ParDo.of(new WorkOrSleepFn()));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long busy = counter(result, "busy_micros");
    long cpu = counter(result, "cpu_micros");
    assertTrue(busy >= 380_000, "busy " + busy);
    assertTrue(cpu >= 80_000, "cpu " + cpu); // the 80 ms of work
    assertTrue(cpu <= busy - 250_000, "cpu " + cpu + " busy " + busy); // the 300 ms sleep is not CPU
  }

  private static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named("clock-test-cpu", name)).build()).getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  void aTimingOverAShardCountsItsElements() {
    StageClock.logOnWorkers(true);
    StageClock shard = new StageClock("clock-test-shard");
    shard.stop(shard.start(), 5);
    shard.stop(shard.start());
    assertEquals(6L, StageClock.workerDone().get("clock-test-shard"));
  }

  @Test
  void progressLinesFollowTheStoryStageAndShowGuardRoundsOnlyOnceTheyRun() {
    String before = ProgressLog.line(Map.of("clean", 1200L, "story_keys", 1000L));
    assertTrue(before.contains("1,200 pages cleaned, 1,000 articles keyed for stories, 0 block members compared, "
        + "0 articles given a story"), before);
    assertFalse(before.contains("guard rounds"), before);
    String rounds = ProgressLog.line(Map.of("story_compare", 7000L, "story_rounds", 30L));
    assertTrue(rounds.contains("7,000 block members compared, 30 clusters visited in guard rounds, 0 articles given"),
        rounds);
  }
}
