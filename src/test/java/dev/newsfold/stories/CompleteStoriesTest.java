package dev.newsfold.stories;

import static org.junit.Assert.assertEquals;

import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import dev.newsfold.schema.Story;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class CompleteStoriesTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static Story story(String id) {
    return Story.newBuilder().setStoryId(id).setArticleCount(2).setCopyCount(0).setOutletCount(2)
        .setArticleIds(List.of("a1", "a2")).setOutlets(List.of()).build();
  }

  static Entity entity(String article, String story, String name, double salience) {
    return Entity.newBuilder().setArticleId(article).setStoryId(story).setEntityId("e-" + name).setName(name)
        .setType("PERSON").setMentions(1).setSurfaceForms(List.of(name)).setFirstOffset(0).setSalience(salience)
        .build();
  }

  static Claim claim(String article, String story, int offset) {
    return Claim.newBuilder().setClaimId(article + offset).setArticleId(article).setStoryId(story).setStance("ASSERT")
        .setContent("x").setDirectQuote(false).setQuantities(List.of()).setSentenceOffset(offset)
        .setClaimKey(article + offset).build();
  }

  @Test
  public void fillsTopEntitiesAndClaimCountPerStory() {
    List<Entity> entities = List.of(
        entity("a1", "s-1", "Kim Yo Jong", 0.9), entity("a2", "s-1", "Kim Yo Jong", 0.8),
        entity("a1", "s-1", "Shin Wonsik", 0.7), entity("a2", "s-1", "Seoul", 0.95),
        entity("a3", "s-2", "Moscow", 0.5));
    List<Claim> claims = List.of(claim("a1", "s-1", 0), claim("a1", "s-1", 40), claim("a2", "s-1", 7),
        claim("a3", "s-2", 0));
    PCollection<Story> out = p.apply("Stories", Create.of(story("s-1"), story("s-2"), story("s-3"))
            .withCoder(AvroCoder.of(Story.class)))
        .apply(CompleteStories.with(
            p.apply("Entities", Create.of(entities).withCoder(AvroCoder.of(Entity.class))),
            p.apply("Claims", Create.of(claims).withCoder(AvroCoder.of(Claim.class)))));
    PAssert.that(out).satisfies(stories -> {
      for (Story s : stories) {
        switch (s.getStoryId()) {
          case "s-1" -> {
            // Kim: 0.9 + 0.8 over two articles beats Seoul's single 0.95.
            assertEquals(List.of("Kim Yo Jong", "Seoul", "Shin Wonsik"), s.getTopEntities());
            assertEquals(3, s.getClaimCount());
          }
          case "s-2" -> {
            assertEquals(List.of("Moscow"), s.getTopEntities());
            assertEquals(1, s.getClaimCount());
          }
          default -> {
            assertEquals(List.of(), s.getTopEntities());
            assertEquals(0, s.getClaimCount());
          }
        }
      }
      return null;
    });
    p.run().waitUntilFinish();
  }
}
