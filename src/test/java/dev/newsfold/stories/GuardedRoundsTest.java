package dev.newsfold.stories;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/** The guarded merging in rounds gives the single-worker clusterer's copy groups and stories. */
public class GuardedRoundsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static void clique(List<Edge> edges, String prefix, int n, double score) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        edges.add(new Edge(prefix + i, 0, prefix + j, 0, Edge.STORY, score));
      }
    }
  }

  /** Copies (with dates deciding the canonical), two dense stories, a bridge between them, and a star. */
  static List<Edge> graph() {
    List<Edge> edges = new ArrayList<>();
    clique(edges, "a", 5, 0.6);
    clique(edges, "b", 5, 0.5);
    edges.add(new Edge("x", 0, "a1", 0, Edge.STORY, 0.7)); // the bridge: strongest edges of all
    edges.add(new Edge("x", 0, "b1", 0, Edge.STORY, 0.7));
    // c1 is an earlier copy of a2 (dated 0 like every article here), so the canonical; c2 is undated.
    edges.add(new Edge("a2", 0, "c1", -3, Edge.COPY, 0.9));
    edges.add(new Edge("c1", -3, "c2", StoryFeatures.NO_DATE, Edge.COPY, 0.8));
    for (int i = 0; i < 12; i++) { // a hub with weaker leaves: the guard stops it growing after a few
      edges.add(new Edge("h", 0, "l" + String.format("%02d", i), 0, Edge.STORY, 0.2 + i * 0.01));
    }
    edges.add(new Edge("h", 0, "a3", 0, Edge.STORY, 0.15));
    return edges;
  }

  @Test
  public void givesTheClusterersStoriesAndCopies() {
    List<Edge> edges = graph();
    Map<String, StoryClusterer.Assignment> want = new StoryClusterer(0.1, 0.85).cluster(edges);
    List<KV<String, String>> stories = new ArrayList<>();
    List<KV<String, String>> copies = new ArrayList<>();
    want.forEach((id, a) -> {
      stories.add(KV.of(id, a.storyId.substring(2)));
      if (a.duplicateOf != null) {
        copies.add(KV.of(id, a.duplicateOf));
      }
    });
    // The case must be a real one: the bridge stays out of one story, the copies point to c1, the hub is cut.
    assertNotEquals(want.get("a0").storyId, want.get("b0").storyId);
    assertEquals("c1", want.get("c2").duplicateOf);
    assertEquals(want.get("a0").storyId, want.get("c2").storyId);
    assertNotEquals(want.get("h").storyId, want.get("l00").storyId);

    PCollectionTuple out = p.apply(Create.of(edges).withCoder(Edge.Coder.of()))
        .apply(new GuardedRounds(0.1, 0.85, 10, 6, 4));
    PAssert.that(out.get(GuardedRounds.CLUSTERED)).containsInAnyOrder(stories);
    PAssert.that(out.get(GuardedRounds.DUPLICATES)).containsInAnyOrder(copies);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // The rounds' progress clock counts the clusters it visits (the progress lines of a long run show it).
    long visited = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named("story_rounds", "elements")).build()).getCounters()) {
      visited += c.getAttempted();
    }
    assertTrue("clusters visited in guard rounds: " + visited, visited > 0);
  }

  @Test
  public void compactIdsComeBackUnchanged() throws Exception {
    String id = "0f3a9c00ffe1b2d4";
    for (String s : List.of(id, "ffffffffffffffff", "0000000000000000", id + " 8a00000000000001", "a0", "a0 b1", "",
        "0F3A9C00FFE1B2D4", "0f3a9c00ffe1b2dg", id + "-" + id, id + " " + id + " ", "é ü")) {
      CoderProperties.coderDecodeEncodeEqual(GuardedRounds.IdCoder.of(), s);
    }
    // What makes it compact: 9 bytes for an id and 17 for a pair, against 17 and 34 as plain UTF-8.
    assertEquals(9, CoderUtils.encodeToByteArray(GuardedRounds.IdCoder.of(), id).length);
    assertEquals(17, CoderUtils.encodeToByteArray(GuardedRounds.IdCoder.of(), id + " " + id).length);
  }

  @Test
  public void agreesWithTheClustererOnPlantedStoriesInNoise() {
    // 20 stories of 3-12 articles with dense edges of random strength, plus weak random edges between them that
    // chain everything into one component.
    Random rnd = new Random(11);
    List<Edge> edges = new ArrayList<>();
    int next = 0;
    List<String> all = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      int n = 3 + rnd.nextInt(10);
      List<String> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        members.add(String.format("n%03d", next++));
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (rnd.nextDouble() < 0.7) {
            edges.add(new Edge(members.get(i), 0, members.get(j), 0, Edge.STORY, 0.3 + rnd.nextDouble() * 0.5));
          }
        }
      }
      all.addAll(members);
    }
    for (int k = 0; k < 60; k++) {
      edges.add(new Edge(all.get(rnd.nextInt(all.size())), 0, all.get(rnd.nextInt(all.size())), 0, Edge.STORY,
          0.1 + rnd.nextDouble() * 0.15));
    }
    edges.removeIf(e -> e.a.equals(e.b));
    Map<String, StoryClusterer.Assignment> want = new StoryClusterer(0.1, 0.85).cluster(edges);
    Map<String, String> wantLabel = new HashMap<>();
    want.forEach((id, a) -> wantLabel.put(id, a.storyId.substring(2)));

    PCollectionTuple out = p.apply(Create.of(edges).withCoder(Edge.Coder.of()))
        .apply(new GuardedRounds(0.1, 0.85, 10, 6, 4));
    PAssert.that(out.get(GuardedRounds.CLUSTERED)).satisfies(got -> {
      Map<String, String> label = new HashMap<>();
      got.forEach(kv -> label.put(kv.getKey(), kv.getValue()));
      assertEquals(wantLabel.keySet(), label.keySet());
      ClusterMetrics m = ClusterMetrics.of(wantLabel, label);
      assertEquals("B-cubed F1 against the single-worker clusterer: " + m, 1.0, m.bcubedF1(), 0.02);
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** Two stories of five, with every article of one linked to every article of the other by medium edges. */
  static List<Edge> twoStoriesCrossLinked() {
    List<Edge> edges = new ArrayList<>();
    clique(edges, "a", 5, 0.6);
    clique(edges, "b", 5, 0.5);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        edges.add(new Edge("a" + i, 0, "b" + j, 0, Edge.STORY, 0.35));
      }
    }
    return edges;
  }

  private static Map<String, String> labels(Iterable<KV<String, String>> got) {
    Map<String, String> label = new HashMap<>();
    got.forEach(kv -> label.put(kv.getKey(), kv.getValue()));
    return label;
  }

  @Test
  public void aRepeatedEdgeCountsOnce() {
    // Three 0.3 bridges between two stories of four sum to 0.9, under the guard 0.1 * 16^0.85 = 1.06; each arriving
    // twice (a pair compared in windows of two split key terms) must not sum to 1.8 and weld them.
    List<Edge> edges = new ArrayList<>();
    clique(edges, "a", 4, 0.9);
    clique(edges, "b", 4, 0.9);
    for (int i = 0; i < 3; i++) {
      edges.add(new Edge("a" + i, 0, "b" + i, 0, Edge.STORY, 0.3));
    }
    Map<String, StoryClusterer.Assignment> want = new StoryClusterer(0.1, 0.85).cluster(edges);
    assertNotEquals(want.get("a0").storyId, want.get("b0").storyId);
    HashMap<String, String> wantLabel = new HashMap<>();
    want.forEach((id, a) -> wantLabel.put(id, a.storyId.substring(2)));
    List<Edge> repeated = new ArrayList<>(edges);
    repeated.addAll(edges.subList(edges.size() - 3, edges.size()));
    PCollectionTuple out = p.apply(Create.of(repeated).withCoder(Edge.Coder.of()))
        .apply(new GuardedRounds(0.1, 0.85, 10, 6, 4));
    PAssert.that(out.get(GuardedRounds.CLUSTERED)).satisfies(got -> {
      Map<String, String> label = labels(got);
      assertEquals(wantLabel, label);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void aCapKeepsEachArticlesStrongestEdges() {
    // Uncapped, the 25 cross edges (sum 8.75) pass the guard (0.1 * 25^0.85 = 1.54) and the two stories merge. With
    // four edges an article, each keeps its four story mates (0.6 or 0.5 > 0.35), so the cross edges go and the two
    // stay apart; 5 x 5 ends dropped on each side.
    List<Edge> edges = twoStoriesCrossLinked();
    Map<String, StoryClusterer.Assignment> uncapped = new StoryClusterer(0.1, 0.85).cluster(edges);
    assertEquals(uncapped.get("a0").storyId, uncapped.get("b0").storyId);
    PCollectionTuple capped = p.apply(Create.of(edges).withCoder(Edge.Coder.of()))
        .apply(new GuardedRounds(0.1, 0.85, 10, 6, 4, 4));
    PAssert.that(capped.get(GuardedRounds.CLUSTERED)).satisfies(got -> {
      Map<String, String> label = labels(got);
      for (int i = 0; i < 5; i++) {
        assertEquals("a0", label.get("a" + i));
        assertEquals("b0", label.get("b" + i));
      }
      return null;
    });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long dropped = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(JoinStories.NS, "guardedEdgeEndsCapped")).build()).getCounters()) {
      dropped += c.getAttempted();
    }
    assertEquals(50, dropped);
  }

  @Test
  public void aCapAboveEveryDegreeChangesNothing() {
    List<Edge> edges = twoStoriesCrossLinked();
    HashMap<String, String> wantLabel = new HashMap<>();
    new StoryClusterer(0.1, 0.85).cluster(edges).forEach((id, a) -> wantLabel.put(id, a.storyId.substring(2)));
    PCollectionTuple out = p.apply(Create.of(edges).withCoder(Edge.Coder.of()))
        .apply(new GuardedRounds(0.1, 0.85, 10, 6, 4, 9));
    PAssert.that(out.get(GuardedRounds.CLUSTERED)).satisfies(got -> {
      Map<String, String> label = labels(got);
      assertEquals(wantLabel, label);
      return null;
    });
    p.run().waitUntilFinish();
  }
}
