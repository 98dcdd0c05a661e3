package dev.newsfold.stories;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure-logic tests of the copy fingerprints: tokens, shingles, MinHash, LSH bands, SimHash, block windows. */
class FingerprintTest {
  static final String TEXT = "The influential sister of North Korean leader Kim Jong Un again denied Friday that her "
      + "country has exported any weapons to Russia, as she labeled outside speculation on North Korea-Russian arms "
      + "dealings as the most absurd paradox. Shin Wonsik said about 7,000 containers had been shipped.";

  @Test
  void wordsNormaliseNumbersAndPossessives() {
    assertEquals(List.of("korea", "shipped", "7000", "containers", "3.5", "tons"),
        TextFeatures.words("Korea's shipped 7,000 containers, 3.5 tons."));
    assertEquals(TextFeatures.words("7000 containers"), TextFeatures.words("7,000  containers"));
  }

  @Test
  void anOpeningQuoteKeepsItsWordAndOnlyCliticTailsAreDropped() {
    // Headlines quote titles: before this, the word after an opening apostrophe was dropped with it.
    assertEquals(List.of("cosmos", "returns", "to", "fox"), TextFeatures.words("'Cosmos' returns to Fox"));
    assertEquals(List.of("fox", "cosmos", "isn", "an", "affront"),
        TextFeatures.words("Fox's \u2019Cosmos\u2019 isn't an affront"));
    assertEquals(List.of("obrien", "we", "they", "rocknroll"), TextFeatures.words("O'Brien: we'll, they'd rock'n'roll"));
  }

  @Test
  void capitalisedWordsInsideSentencesAreMarked() {
    java.util.BitSet cap = new java.util.BitSet();
    java.util.BitSet start = new java.util.BitSet();
    List<String> w = TextFeatures.words("The sister of Kim denied it. Russia agreed.", cap, start);
    assertEquals("kim", w.get(3));
    assertTrue(cap.get(3) && !start.get(3));
    assertTrue(cap.get(0) && start.get(0)); // "The" opens the sentence
    assertTrue(start.get(w.indexOf("russia")));
  }

  @Test
  void shinglesCountAndShortText() {
    MinHash m = new MinHash(8, 3, 1);
    assertEquals(3, m.shingleHashes(List.of("a", "b", "c", "d", "e")).length);
    assertEquals(1, m.shingleHashes(List.of("a", "b")).length);
    assertEquals(0, m.shingleHashes(List.of()).length);
    // Same words, other order: other shingles.
    assertFalse(Arrays.equals(m.shingleHashes(List.of("a", "b", "c")), m.shingleHashes(List.of("c", "b", "a"))));
  }

  @Test
  void minHashEstimatesJaccard() {
    MinHash m = new MinHash(256, 3, 7);
    List<String> a = TextFeatures.words(TEXT);
    assertEquals(1.0, MinHash.jaccard(m.signature(a), m.signature(a)));
    // Drop the last sentence (about a fifth of the shingles): estimate near the true Jaccard.
    List<String> b = TextFeatures.words(TEXT.substring(0, TEXT.indexOf(" Shin")));
    double trueJ = (double) (b.size() - 2) / (a.size() - 2);
    assertEquals(trueJ, MinHash.jaccard(m.signature(a), m.signature(b)), 0.1);
    List<String> other = TextFeatures.words("Heavy rain flooded the streets of the capital on Monday, officials "
        + "said, and schools were closed for the rest of the week while crews cleared the debris.");
    assertTrue(MinHash.jaccard(m.signature(a), m.signature(other)) < 0.05);
    long[] empty = m.signature(List.of());
    assertEquals(0.0, MinHash.jaccard(empty, empty));
  }

  @Test
  void identicalSignaturesShareEveryBandAndUnrelatedShareNone() {
    MinHash m = new MinHash(96, 3, 7);
    long[] a = m.signature(TextFeatures.words(TEXT));
    assertArrayEquals(MinHash.bandKeys(a, 48), MinHash.bandKeys(m.signature(TextFeatures.words(TEXT)), 48));
    long[] c = m.signature(TextFeatures.words("Heavy rain flooded the streets of the capital on Monday."));
    long[] ka = MinHash.bandKeys(a, 48);
    long[] kc = MinHash.bandKeys(c, 48);
    for (int i = 0; i < ka.length; i++) {
      assertFalse(ka[i] == kc[i]);
    }
  }

  @Test
  void simHashIsCloseForNearCopiesAndFarOtherwise() {
    long a = SimHash.of(TextFeatures.words(TEXT));
    long b = SimHash.of(TextFeatures.words("Advertisement " + TEXT + " Share this story"));
    long c = SimHash.of(TextFeatures.words("Heavy rain flooded the streets of the capital on Monday, officials "
        + "said, and schools were closed for the rest of the week while crews cleared the debris."));
    assertTrue(SimHash.distance(a, b) <= 12, "near copy distance " + SimHash.distance(a, b));
    assertTrue(SimHash.distance(a, c) > 16, "unrelated distance " + SimHash.distance(a, c));
  }

  @Test
  void blockWindowsAreBoundedAndOverlapping() {
    assertEquals(1, Blocks.windows(5, 10).size());
    List<int[]> w = Blocks.windows(25, 10);
    for (int[] x : w) {
      assertTrue(x[1] - x[0] <= 10);
    }
    assertEquals(0, w.get(0)[0]);
    assertEquals(25, w.get(w.size() - 1)[1]);
    for (int i = 1; i < w.size(); i++) {
      assertTrue(w.get(i)[0] < w.get(i - 1)[1], "consecutive windows overlap");
    }
  }

  @Test
  void cutPlacesEachMemberInItsWindowsAndKeysTellWhichPairsThePreviousWindowHolds() {
    java.util.Random r = new java.util.Random(7);
    for (int round = 0; round < 300; round++) {
      int size = 1 + r.nextInt(400);
      int cap = 2 + r.nextInt(120);
      List<StoryFeatures> members = new java.util.ArrayList<>();
      for (int i = 0; i < size; i++) {
        int date = switch (r.nextInt(4)) {
          case 0 -> StoryFeatures.NO_DATE;
          case 1 -> -r.nextInt(1000);
          default -> r.nextInt(30);
        };
        members.add(new StoryFeatures("a" + Long.toString(r.nextLong() & 0xffffff, 36) + i, date, new long[0],
            new float[0], new String[0], new float[0]));
      }
      // The order verifyBlock sorts a block in (date, then id) is the string order of the member keys.
      members.sort(java.util.Comparator.<StoryFeatures>comparingInt(f -> f.date).thenComparing(f -> f.articleId));
      List<String> keys = members.stream().map(f -> Blocks.memberKey(f.date, f.articleId)).sorted().toList();
      for (int i = 0; i < size; i++) {
        assertEquals(Blocks.memberKey(members.get(i).date, members.get(i).articleId), keys.get(i), "same order");
        assertEquals(members.get(i).articleId, Blocks.articleIdOf(keys.get(i)));
      }
      java.util.Map<String, List<Integer>> placed = new java.util.LinkedHashMap<>();
      Blocks.cut("term", keys, cap, (k, i) -> placed.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(i));
      List<int[]> windows = Blocks.windows(size, cap);
      assertEquals(windows.size(), placed.size());
      int w = 0;
      List<Integer> previous = List.of();
      for (java.util.Map.Entry<String, List<Integer>> e : placed.entrySet()) {
        List<Integer> expected = java.util.stream.IntStream.range(windows.get(w)[0], windows.get(w)[1]).boxed()
            .toList();
        assertEquals(expected, e.getValue(), "window " + w + " of " + size + ", cap " + cap);
        assertEquals("term", Blocks.blockOf(e.getKey()));
        String last = Blocks.previousWindowLast(e.getKey());
        assertEquals(w == 0, last == null, e.getKey());
        for (int i : e.getValue()) {
          assertEquals(previous.contains(i), last != null && keys.get(i).compareTo(last) <= 0,
              "member " + i + " in window " + (w - 1));
        }
        previous = e.getValue();
        w++;
      }
    }
  }

  @Test
  void exactJaccardCountsSharedShinglesOverTheUnion() {
    MinHash m = new MinHash(1, 3, 0L);
    long[] a = m.shingleSet(TextFeatures.words("a b c d e f"));
    long[] b = m.shingleSet(TextFeatures.words("a b c d x y"));
    assertEquals(4, a.length);
    for (int i = 1; i < a.length; i++) {
      assertTrue(a[i - 1] < a[i], "sorted and distinct");
    }
    assertEquals(2.0 / 6, MinHash.exactJaccard(a, b), 1e-12); // "a b c", "b c d" shared of 6 distinct
    assertEquals(1.0, MinHash.exactJaccard(a, a), 1e-12);
    assertEquals(0.0, MinHash.exactJaccard(new long[0], new long[0]), 1e-12);
    assertEquals(2, m.shingleSet(TextFeatures.words("x y x y x y")).length); // "x y x", "y x y" repeat
  }

  @Test
  void theExactCheckCoversThreeStandardErrorsOfTheEstimate() {
    assertEquals(0.140, MinHash.uncertainty(0.3, 96), 0.001);
    assertTrue(MinHash.uncertainty(0.3, 384) < MinHash.uncertainty(0.3, 96) / 1.9);
  }

  @Test
  void idFilterHasNoFalseNegativesAndFewFalsePositives() {
    // Built as the pipeline builds it: one segment per key, the halves of the ids unioned per segment.
    java.util.Map<Integer, IdFilter> segments = new java.util.HashMap<>();
    java.util.Map<Integer, IdFilter> others = new java.util.HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String id = "a" + i + "-id";
      (i % 2 == 0 ? segments : others).computeIfAbsent(IdFilter.segmentOf(id), k -> new IdFilter()).add(id);
    }
    others.forEach((k, f) -> segments.merge(k, f, IdFilter::union));
    assertEquals(IdFilter.SEGMENTS, segments.size(), "ids spread over every segment");
    for (int i = 0; i < 20_000; i++) {
      assertTrue(IdFilter.mightContain(segments, "a" + i + "-id"));
    }
    int falsePositives = 0;
    for (int i = 0; i < 200_000; i++) {
      falsePositives += IdFilter.mightContain(segments, "b" + i + "-id") ? 1 : 0;
    }
    assertTrue(falsePositives < 5, falsePositives + " false positives"); // expected ~0.002 at 20k ids
    assertFalse(IdFilter.mightContain(java.util.Map.of(), "a0-id"));
    IdFilter one = new IdFilter();
    one.add("x");
    assertTrue(one.mightContain("x"));
    assertFalse(one.mightContain("y"));
  }
}
