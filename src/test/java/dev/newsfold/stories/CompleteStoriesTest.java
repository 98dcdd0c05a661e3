package dev.newsfold.stories;

import static org.junit.Assert.assertEquals;

import dev.newsfold.schema.Story;
import dev.newsfold.schema.internal.StoryContribution;
import java.util.ArrayList;
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

  /** One article's contribution: entity names with their salience, and its claim count. */
  static StoryContribution contribution(String story, int claims, Object... nameSalience) {
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Double> saliences = new ArrayList<>();
    for (int i = 0; i < nameSalience.length; i += 2) {
      ids.add("e-" + nameSalience[i]);
      names.add((String) nameSalience[i]);
      saliences.add((Double) nameSalience[i + 1]);
    }
    return StoryContribution.newBuilder().setStoryId(story).setEntityIds(ids).setNames(names)
        .setSaliences(saliences).setClaimCount(claims).build();
  }

  @Test
  public void fillsTopEntitiesAndClaimCountPerStory() {
    List<StoryContribution> contributions = List.of(
        contribution("s-1", 2, "Kim Yo Jong", 0.9, "Shin Wonsik", 0.7),
        contribution("s-1", 1, "Kim Yo Jong", 0.8, "Seoul", 0.95),
        contribution("s-2", 1, "Moscow", 0.5),
        contribution("s-2", 0));
    PCollection<Story> out = p.apply("Stories", Create.of(story("s-1"), story("s-2"), story("s-3"))
            .withCoder(AvroCoder.of(Story.class)))
        .apply(CompleteStories.with(
            p.apply("Contributions", Create.of(contributions).withCoder(AvroCoder.of(StoryContribution.class)))));
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
