package dev.newsfold.stories;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Article;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;

/** The component size guard splits an over-large component on its weak story edges and never touches copies. */
public class ComponentSizeGuardTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static long counter(PipelineResult result, String name) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(JoinStories.NS, name)).build());
    long sum = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  public void splitsOnWeakStoryEdgesAndKeepsCopies() {
    List<Article> in = JoinStoriesTest.corpus();
    // The flood component (a, b, copy) has 3 articles: a cap of 2 makes it giant; a minimum score of 2 drops every
    // story edge (scores are <= 1) and keeps the copy edge. Centroid level off, so nothing joins b back.
    JoinStories.Result r = p.apply(Create.of(in).withCoder(AvroCoder.of(Article.class)))
        .apply(JoinStories.create().withComponentSizeGuard(2, 2.0).withCentroidMerge(0, 3));
    PAssert.that(r.articles()).satisfies(articles -> {
      Map<String, Article> byId = new HashMap<>();
      int count = 0;
      for (Article a : articles) {
        byId.put(a.getArticleId(), a);
        count++;
      }
      assertEquals("every input article once", in.size(), count);
      assertEquals("copy still a copy", "flood-a", byId.get("flood-copy").getDuplicateOf());
      assertEquals("s-flood-a", byId.get("flood-copy").getStoryId());
      assertEquals("the rewrite's only links were story edges, dropped", "s-flood-b",
          byId.get("flood-b").getStoryId());
      assertNull(byId.get("flood-b").getDuplicateOf());
      return null;
    });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "giantComponents"));
    assertTrue(counter(result, "giantEdgesDropped") > 0);
  }
}
