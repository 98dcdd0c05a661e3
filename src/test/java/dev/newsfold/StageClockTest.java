package dev.newsfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
