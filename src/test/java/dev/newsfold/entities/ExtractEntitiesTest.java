package dev.newsfold.entities;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Article;
import dev.newsfold.schema.Entity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class ExtractEntitiesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Article article(String id, String story, String title, String text) {
    return Article.newBuilder().setArticleId(id).setSourceUri("mem:" + id).setFormat("text").setTitle(title)
        .setText(text).setWordCount(text.split("\\s+").length).setParagraphCount(1)
        .setBoilerplateLinesRemoved(0).setBoilerplateCharsRemoved(0).setContentHash("h" + id).setStoryId(story)
        .build();
  }

  @Test
  public void emitsOneRowPerEntityPerArticleWithSharedIds() {
    PCollection<Entity> entities = p.apply(Create.of(
            article("a1", "s1", SeedTexts.TITLE_000, SeedTexts.BODY_000),
            article("a2", null, SeedTexts.TITLE_001, SeedTexts.BODY_001))
        .withCoder(AvroCoder.of(Article.class)))
        .apply(new ExtractEntities());

    PAssert.that(entities).satisfies(rows -> {
      Map<String, Map<String, Entity>> byArticle = new HashMap<>();
      for (Entity e : rows) {
        Entity prev = byArticle.computeIfAbsent(e.getArticleId(), k -> new HashMap<>()).put(e.getName(), e);
        assertEquals("one row per entity per article: " + e.getName(), null, prev);
        assertTrue(e.getSalience() >= 0 && e.getSalience() <= 1);
        assertTrue(e.getMentions() >= e.getSurfaceForms().size());
      }
      Entity kim1 = byArticle.get("a1").get("Kim Yo Jong");
      Entity kim2 = byArticle.get("a2").get("Kim Yo Jong");
      assertEquals("PERSON", kim1.getType());
      assertEquals(kim1.getEntityId(), kim2.getEntityId());
      assertEquals("s1", kim1.getStoryId());
      assertEquals(null, kim2.getStoryId());
      String body = SeedTexts.BODY_001;
      Entity kirby = byArticle.get("a2").get("John Kirby");
      assertEquals("John Kirby", body.substring(kirby.getFirstOffset(), kirby.getFirstOffset() + 10));
      Entity seoul = byArticle.get("a2").get("Seoul");
      assertEquals("LOCATION", seoul.getType());
      assertEquals(0, seoul.getFirstOffset());
      List<String> forms = byArticle.get("a2").get("United States").getSurfaceForms();
      assertEquals(forms.stream().sorted().toList(), forms);
      return null;
    });
    p.run().waitUntilFinish();
  }
}
