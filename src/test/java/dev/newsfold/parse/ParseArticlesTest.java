package dev.newsfold.parse;

import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.ParsedPage;
import dev.newsfold.schema.internal.RawDocument;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

public class ParseArticlesTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static RawDocument doc(String uri, String type, String content) {
    return RawDocument.newBuilder().setSourceUri(uri).setFormat(type).setContentType(type).setContent(content)
        .setSizeBytes(content.length()).build();
  }

  @Test
  public void textAndHtmlPagesAreParsed() {
    PCollectionTuple out = p
        .apply(Create.of(
            doc("/news/www.example.com/a.txt", "text", " date 2024-05-17 World\n\nA title\n\nFirst paragraph."),
            doc("/b.html", "html", "<html><head><title>Page title</title></head><body><p>Body of the page.</p>"
                + "</body></html>"),
            doc("/c.txt", "text", "Only a title"))
            .withCoder(AvroCoder.of(RawDocument.class)))
        .apply(ParseArticles.create());
    PAssert.that(out.get(ParseArticles.PAGES)
            .apply("Pages", MapElements.into(TypeDescriptors.strings()).via((ParsedPage pg) ->
                pg.getTitle() + "|" + pg.getPublished() + "|" + pg.getSection() + "|" + pg.getOutlet() + "|"
                    + pg.getBlocks().size())))
        .containsInAnyOrder("A title|2024-05-17|World|example.com|1", "Page title|null|null|null|1");
    PAssert.that(out.get(ParseArticles.REJECTS)
            .apply("Rejects", MapElements.into(TypeDescriptors.strings()).via((Reject r) -> r.getSourceUri() + " "
                + r.getReason())))
        .containsInAnyOrder("/c.txt no_article_text");
    p.run().waitUntilFinish();
  }
}
