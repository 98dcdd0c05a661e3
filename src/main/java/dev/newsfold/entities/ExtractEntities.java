package dev.newsfold.entities;

import dev.newsfold.StageClock;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Entity;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Finds the people, organisations, places (and MISC names) of each article and emits one {@link Entity} row per
 * canonical entity per article, with a corpus-wide entity_id. Articles marked as copies are processed like any
 * other; the story stage decides what to count.
 */
public class ExtractEntities extends PTransform<PCollection<Article>, PCollection<Entity>> {

  @Override
  public PCollection<Entity> expand(PCollection<Article> articles) {
    return articles.apply("RecognizeAndCanonicalizeEntities", ParDo.of(new ExtractFn()))
        .setCoder(AvroCoder.of(Entity.class));
  }

  static class ExtractFn extends DoFn<Article, Entity> {
    private final StageClock clock = new StageClock("entities");
    // OpenNLP's ME classes are not thread-safe: one recognizer per DoFn instance; the model itself is shared.
    private transient EntityRecognizer recognizer;

    @Setup
    public void setup() {
      recognizer = EntityRecognizer.load();
    }

    @ProcessElement
    public void process(@Element Article article, OutputReceiver<Entity> out) {
      long t = clock.start();
      try {
        extract(article, out);
      } finally {
        clock.stop(t);
      }
    }

    private void extract(Article article, OutputReceiver<Entity> out) {
      String text = article.getText() == null ? "" : article.getText();
      List<Mention> mentions = recognizer.find(text);
      String title = article.getTitle();
      for (EntityCanonicalizer.CanonicalEntity e : EntityCanonicalizer.canonicalize(mentions, title, text.length())) {
        out.output(Entity.newBuilder()
            .setArticleId(article.getArticleId())
            .setStoryId(article.getStoryId())
            .setEntityId(e.entityId())
            .setName(e.name())
            .setType(e.type())
            .setMentions(e.mentions())
            .setSurfaceForms(e.surfaceForms())
            .setFirstOffset(e.firstOffset())
            .setSalience(e.salience())
            .build());
      }
    }
  }
}
