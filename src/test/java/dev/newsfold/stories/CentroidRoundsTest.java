package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** The distributed centroid level: stray articles join the story they resemble; formed stories stay apart. */
public class CentroidRoundsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Features over term hashes 1..n with the given weights (normalised). */
  static StoryFeatures f(String id, int date, long[] terms, double... w) {
    double norm = 0;
    for (double x : w) {
      norm += x * x;
    }
    float[] fw = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      fw[i] = (float) (w[i] / Math.sqrt(norm));
    }
    return new StoryFeatures(id, date, terms, fw, new String[0], new float[0]);
  }

  static List<KV<String, StoryFeatures>> clusters() {
    List<KV<String, StoryFeatures>> in = new ArrayList<>();
    long[] flood = {1, 2, 3, 4};
    long[] quake = {11, 12, 13, 14};
    // A formed flood story of four and a formed quake story of four, sharing no term.
    for (int i = 0; i < 4; i++) {
      in.add(KV.of("a0", f("a" + i, 100, flood, 1, 1, 1, 0.5)));
      in.add(KV.of("q0", f("q" + i, 100, quake, 1, 1, 1, 0.5)));
    }
    // Stray flood headlines (singletons): two shared terms with the flood centroid.
    in.add(KV.of("b1", f("b1", 101, new long[] {1, 2, 50}, 1, 1, 1)));
    in.add(KV.of("b2", f("b2", 101, new long[] {2, 3, 51}, 1, 1, 1)));
    // One shared term only: stays alone. Far in time: stays alone.
    in.add(KV.of("c1", f("c1", 100, new long[] {1, 60, 61}, 1, 1, 1)));
    in.add(KV.of("d1", f("d1", 300, new long[] {11, 12, 13}, 1, 1, 1)));
    return in;
  }

  @Test
  public void straysJoinTheirStoryAndStoriesStayApart() {
    CentroidMerger merger = new CentroidMerger(0.1, 100, 8, 100, 7, 4, 3);
    PCollection<String> got = p.apply(Create.of(clusters()).withCoder(CentroidRounds.MEMBER))
        .apply(new CentroidRounds(merger, merger.rounds(), 4))
        .apply(MapElements.into(TypeDescriptors.strings())
            .via((KV<String, StoryFeatures> kv) -> kv.getValue().articleId + "->" + kv.getKey()));
    PAssert.that(got).containsInAnyOrder("a0->a0", "a1->a0", "a2->a0", "a3->a0", "b1->a0", "b2->a0",
        "q0->q0", "q1->q0", "q2->q0", "q3->q0", "c1->c1", "d1->d1");
    p.run().waitUntilFinish();
  }

  /** The same input through the single-worker CentroidMerger gives the same grouping. */
  @Test
  public void agreesWithTheSingleWorkerMerger() {
    List<KV<String, StoryFeatures>> in = clusters();
    java.util.TreeMap<String, List<String>> byCluster = new java.util.TreeMap<>();
    java.util.Map<String, StoryFeatures> feats = new java.util.HashMap<>();
    for (KV<String, StoryFeatures> kv : in) {
      byCluster.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue().articleId);
      feats.put(kv.getValue().articleId, kv.getValue());
    }
    List<List<String>> members = new ArrayList<>(byCluster.values());
    int[] to = new CentroidMerger(0.1, 100, 8, 100, 7, 4, 3).merge(members, feats);
    List<String> want = new ArrayList<>();
    for (int k = 0; k < members.size(); k++) {
      // label = smallest article id of the merged group
      String label = null;
      for (int j = 0; j < members.size(); j++) {
        if (to[j] == to[k]) {
          for (String a : members.get(j)) {
            label = label == null || a.compareTo(label) < 0 ? a : label;
          }
        }
      }
      for (String a : members.get(k)) {
        want.add(a + "->" + label);
      }
    }
    CentroidMerger merger = new CentroidMerger(0.1, 100, 8, 100, 7, 4, 3);
    PCollection<String> got = p.apply(Create.of(in).withCoder(CentroidRounds.MEMBER))
        .apply(new CentroidRounds(merger, merger.rounds(), 4))
        .apply(MapElements.into(TypeDescriptors.strings())
            .via((KV<String, StoryFeatures> kv) -> kv.getValue().articleId + "->" + kv.getKey()));
    PAssert.that(got).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }
}
