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

  /**
   * Title clusters for signature terms: s (30 titles naming term 1, "titanfall", six of them also term 300), u (12
   * naming term 201, six also term 300), and small clusters: x1 {1, 90} and v (four titles {1, 50}) name only s's
   * term; x2 names both stories' terms; y names 300, which both hold (no owner); z names term 1 but far in time; g
   * is three full texts (40 terms each) naming term 201.
   */
  static List<KV<String, StoryFeatures>> signatureClusters() {
    List<KV<String, StoryFeatures>> in = new ArrayList<>();
    cluster(in, "s", 30, new long[] {1}, 1, 3, 1000);
    cluster(in, "u", 12, new long[] {201}, 1, 3, 5000);
    for (int i = 0; i < 6; i++) {
      in.set(i, KV.of("s0", f("s" + i, 100, new long[] {1, 300, 1000 + i * 100}, 1, 1, 1)));
      in.set(30 + i, KV.of("u0", f("u" + i, 100, new long[] {201, 300, 5000 + i * 100}, 1, 1, 1)));
    }
    in.add(KV.of("x1", f("x1", 101, new long[] {1, 90}, 1, 1)));
    cluster(in, "v", 4, new long[] {1, 50}, 1, 1, 7000);
    in.add(KV.of("x2", f("x2", 101, new long[] {1, 91, 201}, 1, 1, 1)));
    in.add(KV.of("y1", f("y1", 101, new long[] {92, 300}, 1, 1)));
    in.add(KV.of("z1", f("z1", 300, new long[] {1, 93}, 1, 1)));
    cluster(in, "g", 3, new long[] {201}, 5, 39, 9000);
    return in;
  }

  /** Only signature terms on (ownership 0.8, centrality 0.2, titles of at most 15 terms); small clusters up to 10. */
  static CentroidMerger signing(double ownership) {
    return new CentroidMerger(0.9, 100, 8, 100, 7, 4, 3, 0, 0, 0, 10, 30, 0, 0, 2, 0)
        .withSignatureTerms(ownership, 0.2, 15);
  }

  static List<String> signaturePlacements() {
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      want.add("s" + i + "->s0");
    }
    for (int i = 0; i < 12; i++) {
      want.add("u" + i + "->u0");
    }
    for (int i = 0; i < 4; i++) {
      want.add("v" + i + "->s0");
    }
    for (int i = 0; i < 3; i++) {
      want.add("g" + i + "->g0"); // full texts take no part, so g does not count against u owning term 201
    }
    want.addAll(List.of("x1->s0", "x2->x2", "y1->y1", "z1->z1"));
    return want;
  }

  @Test
  public void titlesJoinTheStoryThatOwnsTheirTerm() {
    SingleWorker single = singleWorker(signing(0.8), signatureClusters());
    org.junit.Assert.assertEquals(new java.util.TreeSet<>(signaturePlacements()),
        new java.util.TreeSet<>(single.placements));
    // Off, nothing moves. At ownership 0.9 term 1 has no owner (s holds it in 30 of the 37 titles that have it), so
    // x1 and v stay, and x2 names one owner only: u, for term 201 (12 of 13).
    for (String x : singleWorker(signing(0), signatureClusters()).placements) {
      org.junit.Assert.assertEquals(x, x.substring(0, 1) + ("xyz".indexOf(x.charAt(0)) >= 0 ? x.charAt(1) : '0'),
          x.substring(x.indexOf('>') + 1));
    }
    List<String> strict = new ArrayList<>();
    for (String x : signaturePlacements()) {
      strict.add(x.startsWith("v") ? x.substring(0, x.indexOf('>') + 1) + "v0"
          : x.equals("x1->s0") ? "x1->x1" : x.equals("x2->x2") ? "x2->u0" : x);
    }
    org.junit.Assert.assertEquals(new java.util.TreeSet<>(strict),
        new java.util.TreeSet<>(singleWorker(signing(0.9), signatureClusters()).placements));
  }

  @Test
  public void signatureTermsAgreeWithTheSingleWorkerMerger() {
    PCollection<String> got = placements(signing(0.8), signatureClusters());
    PAssert.that(got).containsInAnyOrder(signaturePlacements());
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
