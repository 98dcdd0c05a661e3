package dev.newsfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.junit.jupiter.api.Test;

/**
 * The joins' CoGroupByKey on the DirectRunner and on embedded Flink without re-iterable groups, with one group far
 * past CoGbkResult's 10,000-value cache (where Beam's own CoGroupByKey reads the group again).
 */
class OnePassCoGroupByKeyTest {
  private static final int BIG = 25_000;
  private static final TupleTag<String> NAMES = new TupleTag<>() {};
  private static final TupleTag<Integer> VALUES = new TupleTag<>() {};

  /** Key 1: one name and BIG values; key 2: a name only; key 3: values only. Output "key name count sum". */
  private static PCollection<String> join(Pipeline p, PTransform<KeyedPCollectionTuple<Integer>,
      PCollection<KV<Integer, CoGbkResult>>> coGroup) {
    List<KV<Integer, Integer>> values = new ArrayList<>();
    for (int i = 0; i < BIG; i++) {
      values.add(KV.of(1, i));
    }
    values.add(KV.of(3, 7));
    PCollection<KV<Integer, String>> names = p.apply("Names", Create.of(KV.of(1, "one"), KV.of(2, "two"))
        .withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())));
    PCollection<KV<Integer, Integer>> nums = p.apply("Values", Create.of(values)
        .withCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of())));
    return KeyedPCollectionTuple.of(NAMES, names).and(VALUES, nums)
        .apply(coGroup)
        .apply(ParDo.of(new DoFn<KV<Integer, CoGbkResult>, String>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<String> out) {
            // Read the small side first, then the big one: the order that needs a second pass in CoGbkResult.
            String name = String.join("+", r.getValue().getAll(NAMES));
            long count = 0;
            long sum = 0;
            for (int v : r.getValue().getAll(VALUES)) {
              count++;
              sum += v;
            }
            out.output(r.getKey() + " " + name + " " + count + " " + sum);
          }
        }));
  }

  private static void assertJoined(PCollection<String> joined) {
    long sum = (long) BIG * (BIG - 1) / 2;
    PAssert.that(joined).containsInAnyOrder("1 one " + BIG + " " + sum, "2 two 0 0", "3  1 7");
  }

  private static Pipeline flink() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--flinkMaster=[local]",
        "--parallelism=1", "--reIterableGroupByKeyResult=false").create());
  }

  @Test
  void joinsEveryValueOfEveryInputOnTheDirectRunner() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    assertJoined(join(p, OnePassCoGroupByKey.create()));
    p.run().waitUntilFinish();
  }

  @Test
  void readsABigGroupOnceOnFlinkWithoutReiterableGroups() {
    Pipeline p = flink();
    assertJoined(join(p, OnePassCoGroupByKey.create()));
    PipelineResult.State state = p.run().waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, state);
  }

  @Test
  void beamsCoGroupByKeyNeedsASecondPassThatFlinkDoesNotGive() {
    // The reason for the class: the same join with Beam's CoGroupByKey fails on this runner and setting.
    Pipeline p = flink();
    join(p, CoGroupByKey.create());
    Throwable failure = assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    while (failure.getCause() != null && !String.valueOf(failure.getMessage()).contains("not re-iterable")) {
      failure = failure.getCause();
    }
    assertTrue(String.valueOf(failure.getMessage()).contains("not re-iterable"), failure.toString());
  }
}
