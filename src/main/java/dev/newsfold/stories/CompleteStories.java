package dev.newsfold.stories;

import dev.newsfold.OnePassCoGroupByKey;
import dev.newsfold.schema.Story;
import dev.newsfold.schema.internal.StoryContribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Fills the story columns that later stages know: {@code top_entities} (the story's entities ranked by salience
 * summed over its articles, names only, at most {@link #TOP}) and {@code claim_count}, from one
 * {@link StoryContribution} per article. One join on story-id shards (not one group per story: the DirectRunner pays a
 * bundle per key).
 */
public class CompleteStories extends PTransform<PCollection<Story>, PCollection<Story>> {

  static final int TOP = 10;
  private final transient PCollection<StoryContribution> contributions;
  private final int shards;

  private CompleteStories(PCollection<StoryContribution> contributions, int shards) {
    this.contributions = contributions;
    this.shards = shards;
  }

  /** Stories completed from their articles' contributions (an empty collection leaves them without entities). */
  public static CompleteStories with(PCollection<StoryContribution> contributions) {
    return new CompleteStories(contributions, 64);
  }

  /** Hash shards of the join; each is grouped in memory, so raise with the corpus. */
  public CompleteStories withShards(int count) {
    return new CompleteStories(contributions, count);
  }

  @Override
  public PCollection<Story> expand(PCollection<Story> stories) {
    int shards = this.shards;
    TupleTag<Story> storyTag = new TupleTag<>() {};
    TupleTag<StoryContribution> contributionTag = new TupleTag<>() {};
    PCollection<KV<Integer, Story>> s = stories
        .apply("StoriesToShards", WithKeys.<Integer, Story>of(story -> JoinStories.shard(story.getStoryId(), shards))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Story.class)));
    PCollection<KV<Integer, StoryContribution>> c = contributions
        .apply("ContributionsToShards", WithKeys.<Integer, StoryContribution>of(
                contribution -> JoinStories.shard(contribution.getStoryId(), shards))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(StoryContribution.class)));
    return KeyedPCollectionTuple.of(storyTag, s).and(contributionTag, c)
        .apply("JoinStoryFacts", OnePassCoGroupByKey.create())
        .apply("FillStories", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, Story>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<Story> out) {
            Map<String, EntityTally> byStory = new HashMap<>();
            Map<String, Integer> claimCounts = new HashMap<>();
            for (StoryContribution c : group.getValue().getAll(contributionTag)) {
              EntityTally tally = byStory.computeIfAbsent(c.getStoryId(), k -> new EntityTally());
              for (int i = 0; i < c.getEntityIds().size(); i++) {
                tally.add(c.getEntityIds().get(i), c.getNames().get(i), c.getSaliences().get(i));
              }
              claimCounts.merge(c.getStoryId(), c.getClaimCount(), Integer::sum);
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
