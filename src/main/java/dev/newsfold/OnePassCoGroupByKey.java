package dev.newsfold;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGbkResultSchema;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Beam's {@code CoGroupByKey}, except that each group's values are read exactly once, into one list per input.
 *
 * <p>Why: past 10,000 values a {@link CoGbkResult} reads its group again for every input it hands out. Flink gives a
 * group as a one-pass iterator (re-iterating throws), so a plain {@code CoGroupByKey} there needed
 * {@code --reIterableGroupByKeyResult}, and that flag copies <em>every</em> group of the job onto the heap, including
 * groups that are only streamed once, such as the largest story component's edges (a 300k-article Flink run ran out
 * of memory on that copy). The joins here key on hash shards that grow with the input, so holding one join group in
 * memory is bounded, and every other grouping keeps streaming.
 */
public final class OnePassCoGroupByKey<K> extends PTransform<KeyedPCollectionTuple<K>, PCollection<KV<K, CoGbkResult>>> {

  private OnePassCoGroupByKey() {}

  public static <K> OnePassCoGroupByKey<K> create() {
    return new OnePassCoGroupByKey<>();
  }

  @Override
  public PCollection<KV<K, CoGbkResult>> expand(KeyedPCollectionTuple<K> input) {
    CoGbkResultSchema schema = input.getCoGbkResultSchema();
    List<KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?>> inputs = input.getKeyedCollections();
    Coder<?>[] valueCoders = new Coder<?>[inputs.size()];
    for (KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?> in : inputs) {
      valueCoders[schema.getIndex(in.getTupleTag())] = ((KvCoder<?, ?>) (Coder<?>) in.getCollection().getCoder())
          .getValueCoder();
    }
    UnionCoder unionCoder = UnionCoder.of(List.of(valueCoders));
    KvCoder<K, RawUnionValue> unionKv = KvCoder.of(input.getKeyCoder(), unionCoder);

    PCollectionList<KV<K, RawUnionValue>> tagged = PCollectionList.empty(input.getPipeline());
    for (KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?> in : inputs) {
      int index = schema.getIndex(in.getTupleTag());
      tagged = tagged.and(tag(in, index).setCoder(unionKv));
    }
    return tagged
        .apply("Flatten", Flatten.pCollections())
        .apply("GroupByKey", GroupByKey.create())
        .apply("ReadEachGroupOnce", ParDo.of(new DoFn<KV<K, Iterable<RawUnionValue>>, KV<K, CoGbkResult>>() {
          @ProcessElement
          public void process(@Element KV<K, Iterable<RawUnionValue>> group, OutputReceiver<KV<K, CoGbkResult>> out) {
            // An unbounded in-memory count makes CoGbkResult sort the whole group by input in its one pass.
            out.output(KV.of(group.getKey(), new CoGbkResult(schema, group.getValue(), Integer.MAX_VALUE, 0)));
          }
        }))
        .setCoder(KvCoder.of(input.getKeyCoder(), CoGbkResult.CoGbkResultCoder.of(schema, unionCoder)));
  }

  private static <K, V> PCollection<KV<K, RawUnionValue>> tag(
      KeyedPCollectionTuple.TaggedKeyedPCollection<K, V> in, int index) {
    return in.getCollection().apply("Tag" + index, ParDo.of(new DoFn<KV<K, V>, KV<K, RawUnionValue>>() {
      @ProcessElement
      public void process(@Element KV<K, V> kv, OutputReceiver<KV<K, RawUnionValue>> out) {
        out.output(KV.of(kv.getKey(), new RawUnionValue(index, kv.getValue())));
      }
    }));
  }
}
