package dev.newsfold.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
  void edgesTravelInBoundedSortedBatches() {
    List<Edge> edges = new java.util.ArrayList<>();
    for (int i = 0; i < 2 * JoinStories.MAX_BATCH + 5; i++) {
      edges.add(new Edge(String.format("a%06d", (i * 7919) % 100_000), 0, "z", 0, Edge.STORY, 0.5));
    }
    List<List<Edge>> batches = new java.util.ArrayList<>();
    JoinStories.emitBatch(new java.util.ArrayList<>(edges), batches::add);
    assertEquals(List.of(JoinStories.MAX_BATCH, JoinStories.MAX_BATCH, 5), batches.stream().map(List::size).toList());
    List<Edge> all = batches.stream().flatMap(List::stream).toList();
    List<Edge> sorted = new java.util.ArrayList<>(edges);
    java.util.Collections.sort(sorted);
    assertEquals(sorted, all);
    batches.clear();
    JoinStories.emitBatch(new java.util.ArrayList<>(), batches::add);
    assertEquals(0, batches.size());
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

  @Test
  void eachPairIsVerifiedOnceInItsHomeBlockWithTheSameEdges() {
    // 40 articles over 6 key terms, seeded: pairs share 0-4 terms; blocks above 10 members are split.
    java.util.Random rnd = new java.util.Random(7);
    String[] vocab = {"chile", "quake", "santiago", "tsunami", "7.1", "rescue"};
    double[] share = {0.8, 0.6, 0.2, 0.15, 0.2, 0.1};
    Map<String, List<StoryFeatures>> blocks = new java.util.TreeMap<>();
    for (int i = 0; i < 40; i++) {
      List<String> key = new ArrayList<>();
      for (int t = 0; t < vocab.length; t++) {
        if (rnd.nextDouble() < share[t]) {
          key.add(vocab[t]);
        }
      }
      float[] kw = new float[key.size()];
      Arrays.fill(kw, 1f);
      StoryFeatures f = new StoryFeatures(String.format("a%02d", i), 100 + rnd.nextInt(3), new long[] {1, 2},
          new float[] {0.6f, 0.8f}, key.toArray(new String[0]), kw);
      key.forEach(t -> blocks.computeIfAbsent(t, k -> new ArrayList<>()).add(f));
    }
    JoinStories.Params p = new JoinStories.Params();
    p.maxBlockSize = 10;
    java.util.Set<String> split = new java.util.HashSet<>();
    blocks.forEach((t, m) -> {
      if (m.size() > p.maxBlockSize) {
        split.add(t);
      }
    });
    java.util.Set<Edge> everywhere = new java.util.HashSet<>();
    List<Edge> home = new ArrayList<>();
    long comparedEverywhere = 0;
    long comparedHome = 0;
    for (Map.Entry<String, List<StoryFeatures>> b : blocks.entrySet()) {
      comparedEverywhere += JoinStories.verifyBlock(b.getValue(), p, everywhere::add);
      comparedHome += JoinStories.verifyBlock(b.getKey(), b.getValue(), split, p, home::add);
    }
    assertTrue(!split.isEmpty() && split.size() < vocab.length, "some blocks split, not all: " + split);
    assertEquals(everywhere, new java.util.HashSet<>(home));
    assertTrue(comparedHome < comparedEverywhere, comparedHome + " vs " + comparedEverywhere);
    // As the pipeline does it: blocks cut into windows before grouping (Blocks.cut over the members' sort keys), each
    // window verified alone, skipping the pairs its previous window holds. Same edges, no group above the cap, and
    // within one term no pair is compared twice (the in-worker windows above compare overlap pairs in both).
    Map<String, List<StoryFeatures>> cut = new java.util.TreeMap<>();
    blocks.forEach((t, m) -> {
      Map<String, StoryFeatures> byKey = new java.util.TreeMap<>();
      m.forEach(f -> byKey.put(Blocks.memberKey(f.date, f.articleId), f));
      List<String> keys = new ArrayList<>(byKey.keySet());
      Blocks.cut(t, keys, p.maxBlockSize,
          (k, i) -> cut.computeIfAbsent(k, x -> new ArrayList<>()).add(byKey.get(keys.get(i))));
    });
    Map<String, List<Edge>> cutEdgesByTerm = new java.util.TreeMap<>();
    long comparedCut = 0;
    for (Map.Entry<String, List<StoryFeatures>> b : cut.entrySet()) {
      assertTrue(b.getValue().size() <= p.maxBlockSize, b.getKey() + " holds " + b.getValue().size());
      String term = Blocks.blockOf(b.getKey());
      comparedCut += JoinStories.verifyBlock(term, Blocks.previousWindowLast(b.getKey()), b.getValue(), split, p,
          cutEdgesByTerm.computeIfAbsent(term, x -> new ArrayList<>())::add);
    }
    assertTrue(cut.size() > blocks.size(), "split blocks became several windows");
    assertTrue(comparedCut < comparedHome, comparedCut + " vs " + comparedHome);
    java.util.Set<Edge> cutEdges = new java.util.HashSet<>();
    cutEdgesByTerm.forEach((t, e) -> {
      assertEquals(e.size(), new java.util.HashSet<>(e).size(), "no pair compared twice in the windows of " + t);
      cutEdges.addAll(e);
    });
    assertEquals(new java.util.HashSet<>(home), cutEdges);
    // With no block split, every pair meets exactly once.
    List<Edge> once = new ArrayList<>();
    java.util.Set<Edge> whole = new java.util.HashSet<>();
    p.maxBlockSize = 1000;
    blocks.forEach((t, m) -> {
      JoinStories.verifyBlock(t, m, java.util.Set.of(), p, once::add);
      JoinStories.verifyBlock(m, p, whole::add);
    });
    assertEquals(once.size(), new java.util.HashSet<>(once).size());
    assertEquals(whole, new java.util.HashSet<>(once));
  }

  @Test
  void eachCopyPairIsVerifiedOnceInItsHomeBandWithTheSameEdges() {
    // 6 texts of 80 random words, each with copies at three edit rates; one text copied 12 times unchanged (as if
    // its chrome differed), so its band blocks exceed the cap of 8 and are split.
    java.util.Random rnd = new java.util.Random(11);
    MinHash minHash = new MinHash(96, 3, 5);
    JoinStories.Params p = new JoinStories.Params();
    p.maxBlockSize = 8;
    List<CopySignature> sigs = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 80; w++) {
        words.add("w" + rnd.nextInt(400));
      }
      int copies = t == 0 ? 12 : 3;
      for (int c = 0; c < copies; c++) {
        List<String> copy = new ArrayList<>(words);
        double edits = t == 0 ? 0 : 0.05 * c;
        for (int w = 0; w < copy.size(); w++) {
          if (rnd.nextDouble() < edits) {
            copy.set(w, "x" + rnd.nextInt(400));
          }
        }
        sigs.add(new CopySignature(String.format("t%dc%02d", t, c), 100, minHash.signature(copy)));
      }
    }
    Map<String, List<CopySignature>> blocks = new java.util.TreeMap<>();
    for (CopySignature s : sigs) {
      long[] keys = MinHash.bandKeys(s.hashes, p.bands);
      for (int b = 0; b < keys.length; b++) {
        blocks.computeIfAbsent(JoinStories.bandKey(b, keys[b]), k -> new ArrayList<>()).add(s);
      }
    }
    java.util.Set<String> split = new java.util.HashSet<>();
    blocks.forEach((band, m) -> {
      if (m.size() > p.maxBlockSize) {
        split.add(band);
      }
    });
    java.util.Set<Edge> everywhere = new java.util.HashSet<>();
    long comparedEverywhere = everyWindowPair(blocks, p, everywhere);
    List<Edge> home = new ArrayList<>();
    long comparedHome = 0;
    Map<String, long[]> cache = new HashMap<>();
    for (Map.Entry<String, List<CopySignature>> b : blocks.entrySet()) {
      comparedHome += JoinStories.verifyCopyBlock(b.getKey(), b.getValue(), split, cache, p, home::add, home::add);
    }
    assertFalse(split.isEmpty(), "the 12 identical copies fill blocks above the cap");
    assertTrue(everywhere.stream().filter(e -> !e.a.startsWith("t0")).count() >= 10, "edited copies found too");
    assertEquals(everywhere, new java.util.HashSet<>(home));
    assertTrue(comparedHome < comparedEverywhere, comparedHome + " vs " + comparedEverywhere);
    // Without a split block every colliding pair is compared exactly once.
    java.util.Set<String> colliding = new java.util.HashSet<>();
    blocks.values().forEach(m -> m.forEach(x -> m.forEach(y -> {
      if (x.articleId.compareTo(y.articleId) < 0) {
        colliding.add(x.articleId + " " + y.articleId);
      }
    })));
    List<Edge> once = new ArrayList<>();
    p.maxBlockSize = 1000;
    long comparedOnce = 0;
    for (Map.Entry<String, List<CopySignature>> b : blocks.entrySet()) {
      comparedOnce += JoinStories.verifyCopyBlock(b.getKey(), b.getValue(), java.util.Set.of(), cache, p, once::add,
          once::add);
    }
    assertEquals(colliding.size(), comparedOnce);
    assertEquals(once.size(), new java.util.HashSet<>(once).size());
    java.util.Set<Edge> whole = new java.util.HashSet<>();
    everyWindowPair(blocks, p, whole);
    assertEquals(whole, new java.util.HashSet<>(once));
  }

  @Test
  void uncertainPairsAlreadyJoinedBySureCopiesSkipTheExactCheck() {
    java.util.Set<Edge> copies = java.util.Set.of(new Edge("a", 1, "b", 1, Edge.COPY, 0.9),
        new Edge("b", 1, "c", 1, Edge.COPY, 0.8), new Edge("x", 1, "y", 1, Edge.COPY, 0.7));
    java.util.Set<Edge> uncertain = java.util.Set.of(new Edge("a", 1, "c", 1, Edge.COPY, 0.25),
        new Edge("c", 1, "x", 1, Edge.COPY, 0.31), new Edge("d", 1, "e", 1, Edge.COPY, 0.2),
        new Edge("y", 1, "x", 1, Edge.COPY, 0.4));
    assertEquals(List.of("c-x", "d-e"), JoinStories.unlinked(uncertain, copies).stream()
        .map(e -> e.a + "-" + e.b).sorted().toList());
    assertEquals(4, JoinStories.unlinked(uncertain, java.util.Set.of()).size());
  }

  @Test
  void linkMapAgreesWithAHashMapUnderAddsAndRemoves() {
    java.util.Random rnd = new java.util.Random(3);
    StoryClusterer.LinkMap m = new StoryClusterer.LinkMap();
    Map<Integer, Double> ref = new HashMap<>();
    for (int op = 0; op < 20_000; op++) {
      int key = rnd.nextInt(300);
      if (rnd.nextInt(3) == 0) {
        m.remove(key);
        ref.remove(key);
      } else {
        double v = rnd.nextInt(100) / 8.0;
        m.add(key, v);
        ref.merge(key, v, Double::sum);
      }
      int probe = rnd.nextInt(300);
      assertEquals(ref.getOrDefault(probe, 0.0), m.get(probe), "key " + probe + " after op " + op);
    }
    Map<Integer, Double> held = new HashMap<>();
    for (int slot = 0; slot < m.keys.length; slot++) {
      if (m.keys[slot] >= 0) {
        held.put(m.keys[slot], m.values[slot]);
      }
    }
    assertEquals(ref, held);
  }

  /**
   * The reference for the home-band rule: every window pair of every band block verified, edges deduplicated. The
   * pairs handed on are those at or above the threshold less the exact check's margin (copies and pairs to check).
   */
  private static long everyWindowPair(Map<String, List<CopySignature>> blocks, JoinStories.Params p,
      java.util.Set<Edge> out) {
    long compared = 0;
    for (List<CopySignature> block : blocks.values()) {
      List<CopySignature> m = new ArrayList<>(block);
      m.sort(java.util.Comparator.comparing((CopySignature s) -> s.articleId));
      for (int[] w : Blocks.windows(m.size(), p.maxBlockSize)) {
        for (int i = w[0]; i < w[1]; i++) {
          for (int j = i + 1; j < w[1]; j++) {
            compared++;
            double jac = MinHash.jaccard(m.get(i).hashes, m.get(j).hashes);
            if (jac >= p.copyThreshold - MinHash.uncertainty(p.copyThreshold, p.numHashes)) {
              out.add(new Edge(m.get(i).articleId, 100, m.get(j).articleId, 100, Edge.COPY, jac));
            }
          }
        }
      }
    }
    return compared;
  }

  @Test
  void storyListsEachEntityUnderTheSameNameWhateverTheArrivalOrder() {
    // Rows of one story's entities: (entity id, written name, salience). A dateline writes "PAKISTAN".
    String[][] rows = {{"e1", "PAKISTAN", "0.5"}, {"e1", "Pakistan", "0.25"}, {"e2", "Vogts", "0.5"},
        {"e2", "VOGTS", "0.125"}, {"e2", "VOGTS", "0.125"}, {"e3", "Kim Jong Un", "0.25"}};
    List<String> first = null;
    java.util.Random rnd = new java.util.Random(5);
    for (int round = 0; round < 20; round++) {
      List<String[]> order = new ArrayList<>(Arrays.asList(rows));
      java.util.Collections.shuffle(order, rnd);
      CompleteStories.EntityTally tally = new CompleteStories.EntityTally();
      order.forEach(r -> tally.add(r[0], r[1], Double.parseDouble(r[2])));
      List<String> top = tally.top(10);
      // e2 sums 0.75, e1 0.75 (ties by name), e3 0.25; the most frequent form wins, then the one with fewer capitals.
      assertEquals(List.of("Pakistan", "VOGTS", "Kim Jong Un"), top, "arrival order " + round);
      first = first == null ? top : first;
      assertEquals(first, top);
    }
  }

  @Test
  void edgeTableHoldsEachEdgeOnceInEdgeOrderWhateverTheArrivalOrder() {
    java.util.Random rnd = new java.util.Random(9);
    List<Edge> arrivals = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      String x = "a" + rnd.nextInt(300);
      String y = "a" + rnd.nextInt(300); // sometimes x: self-links are dropped
      int type = rnd.nextInt(4) == 0 ? Edge.COPY : Edge.STORY;
      double score = rnd.nextInt(20) / 16.0; // coarse: equal scores are common, ids then decide
      Edge e = new Edge(x, x.hashCode() % 5, y, y.hashCode() % 5, type, score);
      arrivals.add(e);
      if (rnd.nextInt(3) == 0) {
        arrivals.add(new Edge(y, y.hashCode() % 5, x, x.hashCode() % 5, type, score)); // the same edge again
      }
    }
    java.util.TreeSet<Edge> expected = new java.util.TreeSet<>();
    arrivals.stream().filter(e -> !e.a.equals(e.b)).forEach(expected::add);
    java.util.Collections.shuffle(arrivals, rnd);
    EdgeTable t = EdgeTable.of(arrivals, Map.of());
    assertEquals(expected.size(), t.size);
    int k = 0;
    for (Edge e : expected) {
      assertEquals(e.toString(), new Edge(t.ids[t.a[k]], t.dates[t.a[k]], t.ids[t.b[k]], t.dates[t.b[k]],
          t.copy[k] ? Edge.COPY : Edge.STORY, t.score[k]).toString(), "edge " + k);
      assertEquals(e.dateA, t.dates[t.a[k]]);
      k++;
    }
    List<String> sortedIds = new ArrayList<>(Arrays.asList(t.ids));
    java.util.Collections.sort(sortedIds);
    assertEquals(sortedIds, Arrays.asList(t.ids));
  }
}
