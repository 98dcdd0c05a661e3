package dev.newsfold.claims;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Article;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import java.util.ArrayList;
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

public class ExtractClaimsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Entity entity(String article, String id, String name, String type, String... forms) {
    return Entity.newBuilder().setArticleId(article).setStoryId("story-1").setEntityId(id).setName(name)
        .setType(type).setMentions(1).setSurfaceForms(List.of(forms)).setFirstOffset(0).setSalience(0.5).build();
  }

  @Test
  public void extractsLinksAndAlignsSeedClaims() {
    Article a0 = ClaimAlignerTest.article("a000", "example-paraphrase.com", SeedTexts.SEED_000);
    Article a1 = ClaimAlignerTest.article("a001", "outlookindia.com", SeedTexts.SEED_001);
    PCollection<Article> articles = p.apply("Articles", Create.of(a0, a1).withCoder(AvroCoder.of(Article.class)));
    PCollection<Entity> entities = p.apply("Entities", Create.of(
            entity("a000", "e-shin", "Shin Wonsik", "PERSON", "Shin", "Shin Wonsik"),
            entity("a001", "e-shin", "Shin Wonsik", "PERSON", "Shin", "Shin Wonsik"),
            entity("a001", "e-kim", "Kim Yo Jong", "PERSON", "Kim Yo Jong"),
            entity("a001", "e-kirby", "John Kirby", "PERSON", "John Kirby"))
        .withCoder(AvroCoder.of(Entity.class)));

    PCollection<Claim> claims = articles.apply(ExtractClaims.of(entities));

    PAssert.that(claims).satisfies(rows -> {
      Map<String, List<Claim>> byArticle = new HashMap<>();
      for (Claim c : rows) {
        byArticle.computeIfAbsent(c.getArticleId(), k -> new ArrayList<>()).add(c);
      }
      Claim ship0 = only(byArticle.get("a000"), "7,000");
      Claim ship1 = only(byArticle.get("a001"), "7,000");
      assertEquals(ship0.getClaimKey(), ship1.getClaimKey());
      assertEquals(List.of("a001"), ship0.getCorroboratingArticles());
      assertEquals(List.of("example-paraphrase.com"), ship1.getCorroboratingOutlets());
      assertEquals("e-shin", ship0.getSpeakerEntityId());
      assertEquals("South Korean Defense Minister", ship1.getSpeakerTitle());
      Claim recv0 = only(byArticle.get("a000"), "9,000");
      assertEquals("e-shin", recv0.getSpeakerEntityId()); // "Shin" resolved to the entity
      assertEquals(List.of("a001"), recv0.getCorroboratingArticles());
      Claim deny = byArticle.get("a001").stream().filter(c -> "DENY".equals(c.getStance())).findFirst()
          .orElseThrow();
      assertEquals("e-kim", deny.getSpeakerEntityId());
      Claim leader = only(byArticle.get("a000"), "designed to attack");
      assertEquals(List.of("speaker: Kim Yo Jong in a001"), leader.getConflicts());
      assertTrue(byArticle.get("a001").stream().anyMatch(c -> "e-kirby".equals(c.getSpeakerEntityId())));
      for (Claim c : rows) {
        assertEquals("story-1", c.getStoryId());
        assertEquals(16, c.getClaimId().length());
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  private static Claim only(List<Claim> claims, String contentPart) {
    List<Claim> found = claims.stream().filter(c -> c.getContent().contains(contentPart)).toList();
    assertEquals("one claim containing " + contentPart, 1, found.size());
    return found.get(0);
  }
}
