package dev.newsfold.claims;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.newsfold.entities.EntityCanonicalizer;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import dev.newsfold.schema.internal.StoryContribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class ExtractEntitiesAndClaimsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String SHIN = EntityCanonicalizer.entityId("PERSON", "Shin Wonsik");
  private static final String KIM_YO_JONG = EntityCanonicalizer.entityId("PERSON", "Kim Yo Jong");
  private static final String KIRBY = EntityCanonicalizer.entityId("PERSON", "John Kirby");

  private static Article article(String id, String story, String outlet, String text) {
    Article a = ClaimAlignerTest.article(id, outlet, text);
    a.setStoryId(story);
    return a;
  }

  @Test
  public void findsEntitiesAndClaimsLinksSpeakersAndAlignsSeedClaims() {
    Article a0 = article("a000", "story-1", "example-paraphrase.com", SeedTexts.SEED_000);
    Article a1 = article("a001", "story-1", "outlookindia.com", SeedTexts.SEED_001);
    Article loose = article("a002", null, "outlookindia.com", SeedTexts.SEED_001);
    ExtractEntitiesAndClaims.Result found = p
        .apply("Articles", Create.of(a0, a1, loose).withCoder(AvroCoder.of(Article.class)))
        .apply(ExtractEntitiesAndClaims.create());

    PAssert.that(found.entities()).satisfies(rows -> {
      Map<String, Map<String, Entity>> byArticle = new HashMap<>();
      for (Entity e : rows) {
        Entity prev = byArticle.computeIfAbsent(e.getArticleId(), k -> new HashMap<>()).put(e.getName(), e);
        assertNull("one row per entity per article: " + e.getName(), prev);
        assertTrue(e.getSalience() >= 0 && e.getSalience() <= 1);
        assertTrue(e.getMentions() >= e.getSurfaceForms().size());
      }
      Entity kim0 = byArticle.get("a000").get("Kim Yo Jong");
      Entity kim1 = byArticle.get("a001").get("Kim Yo Jong");
      assertEquals("PERSON", kim0.getType());
      assertEquals(KIM_YO_JONG, kim0.getEntityId());
      assertEquals(kim0.getEntityId(), kim1.getEntityId());
      assertEquals("story-1", kim0.getStoryId());
      assertNull(byArticle.get("a002").get("Kim Yo Jong").getStoryId());
      Entity kirby = byArticle.get("a001").get("John Kirby");
      assertEquals("John Kirby", SeedTexts.SEED_001.substring(kirby.getFirstOffset(), kirby.getFirstOffset() + 10));
      Entity seoul = byArticle.get("a001").get("Seoul");
      assertEquals("LOCATION", seoul.getType());
      assertEquals(0, seoul.getFirstOffset());
      List<String> forms = byArticle.get("a001").get("United States").getSurfaceForms();
      assertEquals(forms.stream().sorted().toList(), forms);
      return null;
    });

    PAssert.that(found.claims()).satisfies(rows -> {
      Map<String, List<Claim>> byArticle = new HashMap<>();
      for (Claim c : rows) {
        byArticle.computeIfAbsent(c.getArticleId(), k -> new ArrayList<>()).add(c);
      }
      Claim ship0 = only(byArticle.get("a000"), "7,000");
      Claim ship1 = only(byArticle.get("a001"), "7,000");
      assertEquals(ship0.getClaimKey(), ship1.getClaimKey());
      // a002 holds the same text but no story: it is aligned alone, so it corroborates nothing.
      assertEquals(List.of("a001"), ship0.getCorroboratingArticles());
      assertEquals(List.of("example-paraphrase.com"), ship1.getCorroboratingOutlets());
      assertEquals(List.of(), only(byArticle.get("a002"), "7,000").getCorroboratingArticles());
      assertEquals(SHIN, ship0.getSpeakerEntityId()); // linked to the entity found in the same article
      assertEquals("South Korean Defense Minister", ship1.getSpeakerTitle());
      Claim recv0 = only(byArticle.get("a000"), "9,000");
      assertEquals(SHIN, recv0.getSpeakerEntityId()); // "Shin" resolved to the entity
      assertEquals(List.of("a001"), recv0.getCorroboratingArticles());
      Claim deny = byArticle.get("a001").stream().filter(c -> "DENY".equals(c.getStance())).findFirst()
          .orElseThrow();
      assertEquals(KIM_YO_JONG, deny.getSpeakerEntityId());
      Claim leader = only(byArticle.get("a000"), "designed to attack");
      assertEquals(List.of("speaker: Kim Yo Jong in a001"), leader.getConflicts());
      assertTrue(byArticle.get("a001").stream().anyMatch(c -> KIRBY.equals(c.getSpeakerEntityId())));
      for (Claim c : rows) {
        assertEquals(c.getArticleId().equals("a002") ? null : "story-1", c.getStoryId());
        assertEquals(16, c.getClaimId().length());
      }
      return null;
    });

    // One contribution per article with a story, holding its entities and its claim count.
    PCollection<Long> claimsOfA0 = found.claims()
        .apply("OnlyA0", org.apache.beam.sdk.transforms.Filter.by(c -> c.getArticleId().equals("a000")))
        .apply("CountA0", Count.globally());
    PAssert.that(found.storyContributions()).satisfies(rows -> {
      List<StoryContribution> all = new ArrayList<>();
      rows.forEach(all::add);
      assertEquals(2, all.size());
      for (StoryContribution c : all) {
        assertEquals("story-1", c.getStoryId());
        assertEquals(c.getEntityIds().size(), c.getNames().size());
        assertEquals(c.getEntityIds().size(), c.getSaliences().size());
        assertTrue(c.getEntityIds().contains(SHIN));
        assertTrue(c.getClaimCount() > 3);
      }
      return null;
    });
    PAssert.thatSingleton(claimsOfA0).satisfies(n -> {
      assertNotNull(n);
      assertTrue(n > 3);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void linksSpeakersToTheEntitiesGiven() {
    Entity shin = Entity.newBuilder().setArticleId("a1").setStoryId("s").setEntityId("e-shin").setName("Shin Wonsik")
        .setType("PERSON").setMentions(1).setSurfaceForms(List.of("Shin", "Shin Wonsik")).setFirstOffset(0).setSalience(1)
        .build();
    Claim said = Claim.newBuilder().setClaimId("c1").setArticleId("a1").setStance("ASSERT").setSpeaker("Shin")
        .setContent("x").setDirectQuote(false).setQuantities(List.of()).setSentenceOffset(0).setClaimKey("c1")
        .build();
    assertEquals("e-shin",
        ExtractEntitiesAndClaims.linkSpeakers(List.of(Claim.newBuilder(said).build()), List.of(shin)).get(0)
            .getSpeakerEntityId());
    assertNull(ExtractEntitiesAndClaims.linkSpeakers(List.of(Claim.newBuilder(said).build()), List.of()).get(0)
        .getSpeakerEntityId());
  }

  private static Claim only(List<Claim> claims, String contentPart) {
    List<Claim> found = claims.stream().filter(c -> c.getContent().contains(contentPart)).toList();
    assertEquals("one claim containing " + contentPart, 1, found.size());
    return found.get(0);
  }
}
