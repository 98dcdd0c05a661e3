package dev.newsfold.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure-logic tests of story keys, the same-story score and the clustering guard. */
class StoryLogicTest {
  @Test
  void keyPrefersRareNamesAndNumbersOverCommonWords() {
    StoryKeyExtractor x = new StoryKeyExtractor(1000, 64, 3);
    // df: "weapons" and "country" are common, "wonsik" and "7000" rare, "zzz" unseen by others.
    Map<String, Integer> df = Map.of("weapons", 90, "country", 80, "wonsik", 2, "7000", 3, "shipped", 20);
    StoryFeatures f = x.features("a", StoryFeatures.NO_DATE, "Country weapons",
        "The country said weapons were shipped. Minister Shin Wonsik counted 7,000 containers of weapons.",
        t -> df.getOrDefault(t, 0), 100);
    assertEquals(Arrays.asList("wonsik", "7000", "shipped"), Arrays.asList(f.keyTerms));
    double norm = 0;
    for (float w : f.weights) {
      norm += w * w;
    }
    assertTrue(norm <= 1.0001);
    for (int i = 1; i < f.terms.length; i++) {
      assertTrue(f.terms[i - 1] < f.terms[i], "vector terms sorted");
    }
  }

  @Test
  void scoreIsZeroOutsideTheDateWindow() {
    StoryKeyExtractor x = new StoryKeyExtractor(1000, 64, 8);
    StoryFeatures a = x.features("a", 100, "Quake hits Chile", "A strong quake hit Chile.", t -> 2, 10);
    StoryFeatures b = x.features("b", 101, "Quake hits Chile", "A strong quake hit Chile.", t -> 2, 10);
    StoryFeatures c = x.features("c", 120, "Quake hits Chile", "A strong quake hit Chile.", t -> 2, 10);
    JoinStories.Params p = new JoinStories.Params();
    assertEquals(1.0, JoinStories.sameStoryScore(a, b, p), 1e-6);
    assertEquals(0.0, JoinStories.sameStoryScore(a, c, p));
  }

  @Test
  void copiesPointToTheEarliestThenSmallestId() {
    List<Edge> edges = List.of(
        new Edge("b", 10, "c", 9, Edge.COPY, 0.9),
        new Edge("a", StoryFeatures.NO_DATE, "b", 10, Edge.COPY, 0.8));
    Map<String, StoryClusterer.Assignment> r = new StoryClusterer(0.15, 0.85).cluster(edges);
    assertNull(r.get("c").duplicateOf);
    assertEquals("c", r.get("a").duplicateOf);
    assertEquals("c", r.get("b").duplicateOf);
    assertEquals("s-a", r.get("c").storyId);
  }

  @Test
  void guardStopsOneBridgeFromWeldingTwoStories() {
    List<Edge> edges = new ArrayList<>();
    // Two dense stories of four articles each, and one article x linked to one member of each.
    String[] s1 = {"a1", "a2", "a3", "a4"};
    String[] s2 = {"b1", "b2", "b3", "b4"};
    for (String[] s : new String[][] {s1, s2}) {
      for (int i = 0; i < s.length; i++) {
        for (int j = i + 1; j < s.length; j++) {
          edges.add(new Edge(s[i], 0, s[j], 0, Edge.STORY, 0.6));
        }
      }
    }
    edges.add(new Edge("x", 0, "a1", 0, Edge.STORY, 0.5));
    edges.add(new Edge("x", 0, "b1", 0, Edge.STORY, 0.5));
    Map<String, StoryClusterer.Assignment> guarded = new StoryClusterer(0.15, 0.85).cluster(edges);
    assertEquals(guarded.get("a1").storyId, guarded.get("a4").storyId);
    assertEquals(guarded.get("b1").storyId, guarded.get("b4").storyId);
    assertNotEquals(guarded.get("a1").storyId, guarded.get("b1").storyId);
    // Without the guard (plain connected components) the bridge welds them: the guard is what separates them.
    Map<String, StoryClusterer.Assignment> plain = new StoryClusterer(0.0, 0.0).cluster(edges);
    assertEquals(plain.get("a1").storyId, plain.get("b1").storyId);
  }

  @Test
  void clusteringDoesNotDependOnEdgeOrder() {
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      edges.add(new Edge("n" + i, 0, "n" + ((i * 7 + 3) % 30), 0, Edge.STORY, 0.1 + (i % 5) / 10.0));
    }
    Map<String, StoryClusterer.Assignment> a = new StoryClusterer(0.15, 0.85).cluster(edges);
    List<Edge> reversed = new ArrayList<>(edges);
    java.util.Collections.reverse(reversed);
    Map<String, StoryClusterer.Assignment> b = new StoryClusterer(0.15, 0.85).cluster(reversed);
    for (String id : a.keySet()) {
      assertEquals(a.get(id).storyId, b.get(id).storyId);
    }
  }

  @Test
  void bcubedOfPerfectAndMergedClusterings() {
    Map<String, String> gold = Map.of("a", "1", "b", "1", "c", "2", "d", "2");
    assertEquals(1.0, ClusterMetrics.of(gold, gold).bcubedF1(), 1e-9);
    ClusterMetrics all = ClusterMetrics.of(gold, Map.of("a", "x", "b", "x", "c", "x", "d", "x"));
    assertEquals(0.5, all.bcubedPrecision, 1e-9);
    assertEquals(1.0, all.bcubedRecall, 1e-9);
    assertEquals(2.0 / 6, all.pairPrecision, 1e-9);
  }

  private static CentroidMerger.Centroid centroid(String label, long[] terms, double[] weights) {
    CentroidMerger.Centroid c = new CentroidMerger.Centroid(0);
    c.label = label;
    c.terms = terms;
    c.weights = weights;
    return c;
  }

  @Test
  void coverageIsContainmentOfTheSmallTextNotCosine() {
    CentroidMerger.Centroid headline = centroid("h", new long[] {1, 2, 3}, new double[] {0.5, 0.3, 0.2});
    // A broad centroid: low weight on the headline's terms, many terms of its own; coverage ignores both.
    long[] bt = new long[50];
    double[] bw = new double[50];
    for (int i = 0; i < 50; i++) {
      bt[i] = i + 2;
      bw[i] = 0.14;
    }
    CentroidMerger.Centroid broad = centroid("b", bt, bw);
    assertEquals(0.5, headline.coveredBy(broad, 2), 1e-9); // terms 2 and 3 covered: 0.3 + 0.2 of 1.0
    assertEquals(0.0, headline.coveredBy(broad, 3), 1e-9); // fewer covered terms than required
    assertTrue(headline.cosine(broad, 2) < 0.1);
  }

  @Test
  void absorptionNeedsTheFloorAndAClearWinner() {
    CentroidMerger m = new CentroidMerger(0.1, 100, 8, 100, 7, 4, 3, 0.4, 0.1, 2, 10, 30);
    assertEquals("a", m.bestTarget(Map.of("a", 0.6, "b", 0.45)));
    assertNull(m.bestTarget(Map.of("a", 0.6, "b", 0.55))); // two stories fit about as well: stay
    assertNull(m.bestTarget(Map.of("a", 0.35))); // below the floor
    assertNull(m.bestTarget(Map.of("a", 0.5, "b", 0.5))); // tie
    assertEquals("b", m.bestTarget(Map.of("a", 0.2, "b", 0.5)));
  }
}
