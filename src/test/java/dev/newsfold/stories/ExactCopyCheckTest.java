package dev.newsfold.stories;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** Pairs too close to the copy threshold for their MinHash estimate are decided on their exact shingle sets. */
public class ExactCopyCheckTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** 100 distinct words: 98 shingles. */
  static List<String> base(String prefix) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      words.add(prefix + i);
    }
    return words;
  }

  /** Every {@code step}-th word replaced (from word 2): each edit changes 3 shingles, edits never overlap. */
  static List<String> edited(List<String> words, int step) {
    List<String> out = new ArrayList<>(words);
    for (int i = 2; i < out.size(); i += step) {
      out.set(i, "edit" + i);
    }
    return out;
  }

  static Article article(String id, List<String> words) {
    return JoinStoriesTest.article(id, id, String.join(" ", words), "example.org", JoinStoriesTest.DAY);
  }

  @Test
  public void uncertainPairsAreKeptOnlyWhenTheirExactJaccardReachesTheThreshold() {
    // 17 edits of 100 words (the last, word 98, is in 2 shingles): 48 of 148 shingles shared, Jaccard 0.324;
    // 20 edits: 38 of 158, 0.241.
    List<String> a = base("alpha");
    List<String> b = base("beta");
    List<Article> articles = List.of(article("a", a), article("a-copy", edited(a, 6)), article("b", b),
        article("b-rewrite", edited(b, 5)), article("unrelated", base("gamma")));
    double above = MinHash.exactJaccard(new MinHash(1, 3, 0L).shingleSet(TextFeatures.words(articles.get(0).getText())),
        new MinHash(1, 3, 0L).shingleSet(TextFeatures.words(articles.get(1).getText())));
    assertEquals(48.0 / 148, above, 1e-9);
    // The pairs as VerifyCopies hands them on (score = estimate); "a" and its copy twice, as from two windows.
    List<Edge> uncertain = List.of(new Edge("a", 100, "a-copy", 100, Edge.COPY, 0.25),
        new Edge("a-copy", 100, "a", 100, Edge.COPY, 0.25), new Edge("b", 100, "b-rewrite", 100, Edge.COPY, 0.33));

    PCollection<Article> input = p.apply("Articles", Create.of(articles).withCoder(AvroCoder.of(Article.class)));
    PCollection<String> edges = p.apply("Uncertain", Create.of(uncertain).withCoder(Edge.Coder.of()))
        .apply(new ExactCopyCheck(input, new JoinStories.Params()))
        .apply(FlatMapElements.into(TypeDescriptors.strings()).via((List<Edge> batch) -> {
          List<String> rows = new ArrayList<>();
          batch.forEach(e -> rows.add(e.toString()));
          return rows;
        }));
    PAssert.that(edges).containsInAnyOrder("copy a-a-copy " + 48.0 / 148);
    p.run().waitUntilFinish();
  }

  /**
   * End to end: a copy whose 96-slot estimate falls below 0.3 though its shingles overlap by more is marked a copy
   * with the check, and missed without it. The pair is drawn (seeded) until the estimate errs that way.
   */
  @Test
  public void joinStoriesFindsACopyItsEstimateWouldMiss() {
    MinHash signatures = new MinHash(96, 3, JoinStories.MINHASH_SEED);
    JoinStories.Params params = new JoinStories.Params();
    double margin = MinHash.uncertainty(params.copyThreshold, params.numHashes);
    Random rnd = new Random(7);
    List<String> original = null;
    List<String> copy = null;
    for (int attempt = 0; attempt < 100_000 && copy == null; attempt++) {
      List<String> words = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        words.add("w" + rnd.nextInt(100_000));
      }
      List<String> edit = new ArrayList<>(words);
      for (int i = 0; i < edit.size(); i++) {
        if (rnd.nextDouble() < 0.17) {
          edit.set(i, "x" + rnd.nextInt(100_000));
        }
      }
      long[] s1 = signatures.signature(words);
      long[] s2 = signatures.signature(edit);
      double estimate = MinHash.jaccard(s1, s2);
      double exact = MinHash.exactJaccard(signatures.shingleSet(words), signatures.shingleSet(edit));
      boolean candidate = false;
      long[] k1 = MinHash.bandKeys(s1, params.bands);
      long[] k2 = MinHash.bandKeys(s2, params.bands);
      for (int b = 0; b < k1.length; b++) {
        candidate |= k1[b] == k2[b];
      }
      if (candidate && exact >= params.copyThreshold && estimate < params.copyThreshold
          && estimate >= params.copyThreshold - margin) {
        original = words;
        copy = edit;
      }
    }
    assertTrue("a pair whose estimate errs below the threshold", copy != null);
    List<Article> articles = List.of(article("orig", original), article("orig-copy", copy));
    PCollection<Article> input = p.apply(Create.of(articles).withCoder(AvroCoder.of(Article.class)));
    PCollection<String> checked = input.apply("Checked", JoinStories.create()).articles()
        .apply("DescribeChecked", MapElements.into(TypeDescriptors.strings())
            .via((Article a) -> a.getArticleId() + " " + a.getDuplicateOf()));
    PCollection<String> estimated = input.apply("Estimated", JoinStories.create().withExactCopyCheck(false))
        .articles().apply("DescribeEstimated", MapElements.into(TypeDescriptors.strings())
            .via((Article a) -> a.getArticleId() + " " + a.getDuplicateOf()));
    PAssert.that(checked).containsInAnyOrder("orig null", "orig-copy orig");
    PAssert.that(estimated).containsInAnyOrder("orig null", "orig-copy null");
    p.run().waitUntilFinish();
  }

  @Test
  public void aPairThatDoesNotJoinBothShingleSetsIsAnError() {
    CopySignature one = new CopySignature("a", 100, new long[] {1, 2, 3});
    try {
      ExactCopyCheck.copyEdge(List.of(one, one), 0.3);
      throw new AssertionError("expected an error");
    } catch (IllegalStateException expected) {
      assertTrue(expected.getMessage().contains("[a]"));
    }
    assertNull(ExactCopyCheck.copyEdge(List.of(one, new CopySignature("b", 100, new long[] {3, 4, 5})), 0.3));
  }
}
