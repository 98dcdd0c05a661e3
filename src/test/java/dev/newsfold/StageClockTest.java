package dev.newsfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
