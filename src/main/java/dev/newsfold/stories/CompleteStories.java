package dev.newsfold.stories;

import dev.newsfold.OnePassCoGroupByKey;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import dev.newsfold.schema.Story;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Fills the story columns that later stages know: {@code top_entities} (the story's entities ranked by salience
 * summed over its articles, names only, at most {@link #TOP}) and {@code claim_count}. One join on story-id shards
 * (not one group per story: the DirectRunner pays a bundle per key).
 */
public class CompleteStories extends PTransform<PCollection<Story>, PCollection<Story>> {

  static final int TOP = 10;
  private final transient PCollection<Entity> entities;
  private final transient PCollection<Claim> claims;
  private final int shards;

  private CompleteStories(PCollection<Entity> entities, PCollection<Claim> claims, int shards) {
    this.entities = entities;
    this.claims = claims;
    this.shards = shards;
  }

  public static CompleteStories with(PCollection<Entity> entities, PCollection<Claim> claims) {
    return new CompleteStories(entities, claims, 64);
  }

  /** Hash shards of the join; each is grouped in memory, so raise with the corpus. */
  public CompleteStories withShards(int count) {
    return new CompleteStories(entities, claims, count);
  }

  @Override
  public PCollection<Story> expand(PCollection<Story> stories) {
    int shards = this.shards;
    TupleTag<Story> storyTag = new TupleTag<>() {};
    TupleTag<KV<String, Double>> entityTag = new TupleTag<>() {};
    TupleTag<String> claimTag = new TupleTag<>() {};
    KvCoder<String, Double> scored = KvCoder.of(StringUtf8Coder.of(),
        org.apache.beam.sdk.coders.DoubleCoder.of());
    PCollection<KV<Integer, Story>> s = stories.apply("StoriesToShards",
            ParDo.of(new DoFn<Story, KV<Integer, Story>>() {
              @ProcessElement
              public void process(@Element Story story, OutputReceiver<KV<Integer, Story>> out) {
                out.output(KV.of(JoinStories.shard(story.getStoryId(), shards), story));
              }
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Story.class)));
    // Entities travel as (story_id + '\t' + name, salience): the name is what the story lists.
    PCollection<KV<Integer, KV<String, Double>>> e = entities.apply("EntitiesToShards",
            ParDo.of(new DoFn<Entity, KV<Integer, KV<String, Double>>>() {
              @ProcessElement
              public void process(@Element Entity en, OutputReceiver<KV<Integer, KV<String, Double>>> out) {
                if (en.getStoryId() != null) {
                  out.output(KV.of(JoinStories.shard(en.getStoryId(), shards),
                      KV.of(en.getStoryId() + "\t" + en.getEntityId() + "\t" + en.getName(), en.getSalience())));
                }
              }
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), scored));
    PCollection<KV<Integer, String>> c = claims.apply("ClaimsToShards",
            ParDo.of(new DoFn<Claim, KV<Integer, String>>() {
              @ProcessElement
              public void process(@Element Claim claim, OutputReceiver<KV<Integer, String>> out) {
                if (claim.getStoryId() != null) {
                  out.output(KV.of(JoinStories.shard(claim.getStoryId(), shards), claim.getStoryId()));
                }
              }
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
    return KeyedPCollectionTuple.of(storyTag, s).and(entityTag, e).and(claimTag, c)
        .apply("JoinStoryFacts", OnePassCoGroupByKey.create())
        .apply("FillStories", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, Story>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<Story> out) {
            Map<String, EntityTally> byStory = new HashMap<>();
            for (KV<String, Double> en : group.getValue().getAll(entityTag)) {
              String[] parts = en.getKey().split("\t", 3);
              byStory.computeIfAbsent(parts[0], k -> new EntityTally()).add(parts[1], parts[2], en.getValue());
            }
            Map<String, Integer> claimCounts = new HashMap<>();
            for (String storyId : group.getValue().getAll(claimTag)) {
              claimCounts.merge(storyId, 1, Integer::sum);
            }
            for (Story story : group.getValue().getAll(storyTag)) {
              out.output(Story.newBuilder(story)
                  .setTopEntities(byStory.getOrDefault(story.getStoryId(), new EntityTally()).top(TOP))
                  .setClaimCount(claimCounts.getOrDefault(story.getStoryId(), 0))
                  .build());
            }
          }
        }))
        .setCoder(AvroCoder.of(Story.class));
  }

  /**
   * One story's entities: summed salience per entity id (fixed point: a double sum depends on the order the values
   * arrive in, which differs between runners) and how often each written form of its name occurs.
   */
  static final class EntityTally {
    private final Map<String, Long> scores = new HashMap<>();
    private final Map<String, Map<String, Integer>> forms = new HashMap<>();
    private static final Comparator<Map.Entry<String, Integer>> FORM_ORDER =
        Comparator.<Map.Entry<String, Integer>>comparingInt(f -> -f.getValue())
            .thenComparingInt(f -> capitals(f.getKey()))
            .thenComparing(Map.Entry::getKey);

    void add(String entityId, String name, double salience) {
      scores.merge(entityId, Math.round(salience * 1e9), Long::sum);
      forms.computeIfAbsent(entityId, k -> new HashMap<>()).merge(name, 1, Integer::sum);
    }

    /**
     * The name listed for an entity: its most frequent form, then the one with fewer capitals ("Pakistan" over a
     * dateline's "PAKISTAN"), then string order. Never the arrival order, which differs between runners.
     */
    String name(String entityId) {
      return forms.get(entityId).entrySet().stream().min(FORM_ORDER).orElseThrow().getKey();
    }

    /** At most {@code n} names, highest summed salience first, ties by name. */
    List<String> top(int n) {
      Map<String, String> names = new HashMap<>();
      scores.keySet().forEach(id -> names.put(id, name(id)));
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(scores.entrySet());
      ranked.sort((x, y) -> !x.getValue().equals(y.getValue()) ? Long.compare(y.getValue(), x.getValue())
          : names.get(x.getKey()).compareTo(names.get(y.getKey())));
      List<String> top = new ArrayList<>();
      for (Map.Entry<String, Long> r : ranked.subList(0, Math.min(n, ranked.size()))) {
        top.add(names.get(r.getKey()));
      }
      return top;
    }

    private static int capitals(String s) {
      int n = 0;
      for (int i = 0; i < s.length(); i++) {
        n += Character.isUpperCase(s.charAt(i)) ? 1 : 0;
      }
      return n;
    }
  }
}
