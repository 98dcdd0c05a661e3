package dev.newsfold.stories;

import dev.newsfold.schema.Entity;
import dev.newsfold.schema.Story;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Fills {@code stories.top_entities}: the story's entities ranked by salience summed over its articles (an entity
 * central to many articles of the story ranks first), names only, at most {@link #TOP}.
 */
public class AddTopEntities extends PTransform<PCollection<Story>, PCollection<Story>> {

  static final int TOP = 10;
  private static final int BUCKETS = 64;
  private final transient PCollection<Entity> entities;

  private AddTopEntities(PCollection<Entity> entities) {
    this.entities = entities;
  }

  public static AddTopEntities from(PCollection<Entity> entities) {
    return new AddTopEntities(entities);
  }

  @Override
  public PCollection<Story> expand(PCollection<Story> stories) {
    TupleTag<Story> storyTag = new TupleTag<>() {};
    TupleTag<Entity> entityTag = new TupleTag<>() {};
    PCollection<KV<Integer, Story>> s = stories.apply("StoriesToBuckets",
            ParDo.of(new DoFn<Story, KV<Integer, Story>>() {
              @ProcessElement
              public void process(@Element Story story, OutputReceiver<KV<Integer, Story>> out) {
                out.output(KV.of(JoinStories.shard(story.getStoryId(), BUCKETS), story));
              }
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Story.class)));
    PCollection<KV<Integer, Entity>> e = entities.apply("EntitiesToBuckets",
            ParDo.of(new DoFn<Entity, KV<Integer, Entity>>() {
              @ProcessElement
              public void process(@Element Entity entity, OutputReceiver<KV<Integer, Entity>> out) {
                if (entity.getStoryId() != null) {
                  out.output(KV.of(JoinStories.shard(entity.getStoryId(), BUCKETS), entity));
                }
              }
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Entity.class)));
    return KeyedPCollectionTuple.of(storyTag, s).and(entityTag, e)
        .apply("JoinStoryEntities", CoGroupByKey.create())
        .apply("RankEntities", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, Story>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<Story> out) {
            Map<String, Map<String, Double>> byStory = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            for (Entity en : group.getValue().getAll(entityTag)) {
              byStory.computeIfAbsent(en.getStoryId(), k -> new HashMap<>())
                  .merge(en.getEntityId(), en.getSalience(), Double::sum);
              names.put(en.getEntityId(), en.getName());
            }
            for (Story story : group.getValue().getAll(storyTag)) {
              Map<String, Double> scores = byStory.getOrDefault(story.getStoryId(), Map.of());
              List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
              ranked.sort((x, y) -> !x.getValue().equals(y.getValue()) ? Double.compare(y.getValue(), x.getValue())
                  : names.get(x.getKey()).compareTo(names.get(y.getKey())));
              List<String> top = new ArrayList<>();
              for (Map.Entry<String, Double> r : ranked.subList(0, Math.min(TOP, ranked.size()))) {
                top.add(names.get(r.getKey()));
              }
              out.output(Story.newBuilder(story).setTopEntities(top).build());
            }
          }
        }))
        .setCoder(AvroCoder.of(Story.class));
  }
}
