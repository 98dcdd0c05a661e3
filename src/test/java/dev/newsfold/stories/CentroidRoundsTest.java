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
    PCollection<String> got = placements(merger, clusters());
    PAssert.that(got).containsInAnyOrder("a0->a0", "a1->a0", "a2->a0", "a3->a0", "b1->a0", "b2->a0",
        "q0->q0", "q1->q0", "q2->q0", "q3->q0", "c1->c1", "d1->d1");
    p.run().waitUntilFinish();
  }

  /** The same input through the single-worker CentroidMerger gives the same grouping. */
  @Test
  public void agreesWithTheSingleWorkerMerger() {
    List<KV<String, StoryFeatures>> in = clusters();
    CentroidMerger merger = new CentroidMerger(0.1, 100, 8, 100, 7, 4, 3);
    List<String> want = singleWorker(merger, in).placements;
    PCollection<String> got = placements(merger, in);
    PAssert.that(got).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }

  /** A broad story: every article has the two story terms plus 20 terms of its own. */
  static void broadStory(List<KV<String, StoryFeatures>> in, String prefix, long core, long own) {
    for (int i = 0; i < 4; i++) {
      long[] t = new long[22];
      double[] w = new double[22];
      t[0] = core;
      t[1] = core + 1;
      for (int k = 0; k < 20; k++) {
        t[2 + k] = own + i * 100 + k;
      }
      java.util.Arrays.fill(w, 1);
      in.add(KV.of(prefix + "0", f(prefix + i, 100, t, w)));
    }
  }

  static List<KV<String, StoryFeatures>> broadClusters() {
    List<KV<String, StoryFeatures>> in = new ArrayList<>();
    broadStory(in, "a", 1, 1000);
    broadStory(in, "q", 11, 5000);
    // Covered 2/3 by the flood story, though its cosine with that broad centroid is only ~0.44.
    in.add(KV.of("b1", f("b1", 101, new long[] {1, 2, 70}, 1, 1, 1)));
    // Covered equally by both stories: no clear winner, stays alone.
    in.add(KV.of("e1", f("e1", 100, new long[] {1, 2, 11, 12}, 1, 1, 1, 1)));
    // One covered term: stays alone.
    in.add(KV.of("c1", f("c1", 100, new long[] {1, 60, 61}, 1, 1, 1)));
    return in;
  }

  /** Cosine level practically off (0.9), absorption on: coverage 0.4, margin 0.1, movers up to 3 articles. */
  static CentroidMerger absorbing() {
    return new CentroidMerger(0.9, 100, 8, 100, 7, 4, 3, 0.4, 0.1, 2, 3, 30);
  }

  @Test
  public void headlinesAreAbsorbedByTheStoryCoveringThemClearly() {
    CentroidMerger merger = absorbing();
    PCollection<String> got = placements(merger, broadClusters());
    PAssert.that(got).containsInAnyOrder("a0->a0", "a1->a0", "a2->a0", "a3->a0", "b1->a0",
        "q0->q0", "q1->q0", "q2->q0", "q3->q0", "e1->e1", "c1->c1");
    p.run().waitUntilFinish();
  }

  @Test
  public void absorptionAgreesWithTheSingleWorkerMerger() {
    List<KV<String, StoryFeatures>> in = broadClusters();
    CentroidMerger merger = absorbing();
    SingleWorker single = singleWorker(merger, in);
    int[] to = single.to;
    // The single-worker merger moves b1 into the flood story and nothing else.
    int b = single.labels.indexOf("b1");
    int a = single.labels.indexOf("a0");
    int e = single.labels.indexOf("e1");
    org.junit.Assert.assertEquals(to[a], to[b]);
    org.junit.Assert.assertEquals(e, to[e]);
    List<String> want = single.placements;
    PCollection<String> got = placements(merger, in);
    PAssert.that(got).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }

  /** {@code count} articles in cluster {@code prefix}0: each has {@code shared} terms plus {@code own} terms of its own. */
  static void cluster(List<KV<String, StoryFeatures>> in, String prefix, int count, long[] shared, double sharedWeight,
      int own, long ownBase) {
    for (int i = 0; i < count; i++) {
      long[] t = new long[shared.length + own];
      double[] w = new double[t.length];
      for (int k = 0; k < shared.length; k++) {
        t[k] = shared[k];
        w[k] = sharedWeight;
      }
      for (int k = 0; k < own; k++) {
        t[shared.length + k] = ownBase + i * 100 + k;
        w[shared.length + k] = 1;
      }
      in.add(KV.of(prefix + "0", f(prefix + i, 100, t, w)));
    }
  }

  /**
   * Headline stories of eight (s, u, t: two story terms and three own terms each) and fragments the pairwise guard
   * left apart: f (four headlines naming s's two terms and a sub-event of its own), h (two headlines on f's
   * sub-event only), e (three headlines naming the terms of both s and u), g (three full-text articles, 40 terms each,
   * naming t's terms and a sub-event).
   */
  static List<KV<String, StoryFeatures>> fragmentClusters() {
    List<KV<String, StoryFeatures>> in = new ArrayList<>();
    cluster(in, "s", 8, new long[] {1, 2}, 1, 3, 1000);
    cluster(in, "u", 8, new long[] {201, 202}, 1, 3, 3000);
    cluster(in, "t", 8, new long[] {101, 102}, 1, 3, 5000);
    cluster(in, "f", 4, new long[] {1, 2, 30, 31}, 1, 1, 7000);
    cluster(in, "h", 2, new long[] {30, 31, 40, 41}, 1, 0, 0);
    cluster(in, "e", 3, new long[] {1, 2, 201, 202}, 1, 1, 8000);
    cluster(in, "g", 3, new long[] {101, 102, 130, 131}, 5, 36, 9000);
    return in;
  }

  /** Centroid level and absorption off; fragment merging at cosine 0.15, margin 0.1, targets twice the size. */
  static CentroidMerger fragmenting() {
    return new CentroidMerger(0.9, 100, 8, 100, 7, 4, 3, 0, 0, 0, 0, 30, 0.15, 0.1, 2, 2);
  }

  static List<String> fragmentPlacements() {
    List<String> want = new ArrayList<>();
    for (String c : new String[] {"s", "u", "t"}) {
      for (int i = 0; i < 8; i++) {
        want.add(c + i + "->" + c + "0");
      }
    }
    for (int i = 0; i < 4; i++) {
      want.add("f" + i + "->f0"); // f0 < s0: the merged story keeps the smallest label
    }
    for (int i = 0; i < 8; i++) {
      want.remove("s" + i + "->s0");
      want.add("s" + i + "->f0");
    }
    // h waits a round (f moves in the first) and then joins s + f through f's sub-event terms.
    want.add("h0->f0");
    want.add("h1->f0");
    for (int i = 0; i < 3; i++) {
      want.add("e" + i + "->e0"); // as close to u as to s: no clear winner
      want.add("g" + i + "->g0"); // full texts never move here
    }
    return want;
  }

  @Test
  public void headlineFragmentsJoinTheirStoryAndNothingElseMoves() {
    SingleWorker single = singleWorker(fragmenting(), fragmentClusters());
    org.junit.Assert.assertEquals(new java.util.TreeSet<>(fragmentPlacements()),
        new java.util.TreeSet<>(single.placements));
    // Without fragment merging nothing moves.
    CentroidMerger off = new CentroidMerger(0.9, 100, 8, 100, 7, 4, 3, 0, 0, 0, 0, 30, 0, 0.1, 2, 2);
    for (String x : singleWorker(off, fragmentClusters()).placements) {
      org.junit.Assert.assertEquals(x, x.charAt(0) + "0", x.substring(x.indexOf('>') + 1));
    }
  }

  @Test
  public void fragmentMergeAgreesWithTheSingleWorkerMerger() {
    PCollection<String> got = placements(fragmenting(), fragmentClusters());
    PAssert.that(got).containsInAnyOrder(fragmentPlacements());
    p.run().waitUntilFinish();
  }

  /** Each article's cluster after the distributed rounds, as "article->cluster". */
  private PCollection<String> placements(CentroidMerger merger, List<KV<String, StoryFeatures>> in) {
    return p.apply(Create.of(in).withCoder(CentroidRounds.MEMBER))
        .apply(new CentroidRounds(merger, merger.rounds(), 4))
        .apply(MapElements.into(TypeDescriptors.strings())
            .via((KV<String, StoryFeatures> kv) -> kv.getValue().articleId + "->" + kv.getKey()));
  }

  /** What the single-worker {@link CentroidMerger} does with the same clusters. */
  static final class SingleWorker {
    final List<String> labels = new ArrayList<>();
    int[] to;
    /** "article->label", label = smallest article id of the merged group, as the distributed form names it. */
    final List<String> placements = new ArrayList<>();
  }

  static SingleWorker singleWorker(CentroidMerger merger, List<KV<String, StoryFeatures>> in) {
    java.util.TreeMap<String, List<String>> byCluster = new java.util.TreeMap<>();
    java.util.Map<String, StoryFeatures> feats = new java.util.HashMap<>();
    for (KV<String, StoryFeatures> kv : in) {
      byCluster.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue().articleId);
      feats.put(kv.getValue().articleId, kv.getValue());
    }
    SingleWorker out = new SingleWorker();
    out.labels.addAll(byCluster.keySet());
    List<List<String>> members = new ArrayList<>(byCluster.values());
    out.to = merger.merge(members, feats);
    for (int k = 0; k < members.size(); k++) {
      String label = null;
      for (int j = 0; j < members.size(); j++) {
        if (out.to[j] == out.to[k]) {
          for (String x : members.get(j)) {
            label = label == null || x.compareTo(label) < 0 ? x : label;
          }
        }
      }
      for (String x : members.get(k)) {
        out.placements.add(x + "->" + label);
      }
    }
    return out;
  }
}
