package dev.newsfold.stories;

import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Article;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/** The bundle-summed document frequencies equal one count per (article, term), however often a bundle flushes. */
public class DocumentFrequenciesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** The reference: every article's distinct terms counted one by one, kept when seen in two or more articles. */
  private static final StoryKeyExtractor EXTRACTOR = new StoryKeyExtractor(1000, 64, 8);

  private static List<KV<String, Long>> countedOneByOne(List<Article> articles) {
    Map<String, Long> df = new HashMap<>();
    for (Article a : articles) {
      for (String t : EXTRACTOR.profile(a.getTitle(), a.getText()).counts.keySet()) {
        df.merge(t, 1L, Long::sum);
      }
    }
    List<KV<String, Long>> out = new ArrayList<>();
    df.forEach((t, n) -> {
      if (n >= 2) {
        out.add(KV.of(t, n));
      }
    });
    return out;
  }

  @Test
  public void bundleSumsGiveTheSameFrequenciesWhenTheBufferFlushesAfterEveryFewTerms() {
    List<Article> corpus = JoinStoriesTest.corpus();
    List<KV<String, Long>> expected = countedOneByOne(corpus);
    assertTrue("the corpus shares terms between articles", expected.size() > 20);
    assertTrue("some terms are in three or more articles", expected.stream().anyMatch(kv -> kv.getValue() >= 3));

    PCollection<Article> articles = p.apply(Create.of(corpus).withCoder(AvroCoder.of(Article.class)));
    PAssert.that(articles.apply("TinyBuffer", new DocumentFrequencies(EXTRACTOR, 3, 7)))
        .containsInAnyOrder(expected);
    PAssert.that(articles.apply("DefaultBuffer", new DocumentFrequencies(EXTRACTOR, 3,
        DocumentFrequencies.MAX_BUFFERED_TERMS))).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
