package dev.newsfold.clean;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Article;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.BlockKind;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

public class CleanArticlesTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final String PROMO = "Support independent local journalism today";

  static ParsedPage page(String outlet, int i) {
    List<PageBlock> blocks = new ArrayList<>();
    int g = 0;
    for (String text : List.of(
        "Story number " + i + " began when the council met on Monday to discuss the new budget for schools.",
        PROMO,
        "Councillors voted " + (i + 3) + " to 2 in favour of the plan after a debate that lasted four hours.",
        "The budget will take effect next month, the council's finance officer said in a statement.")) {
      blocks.add(PageBlock.newBuilder().setKind(BlockKind.PARAGRAPH).setText(text).setGroup(g++).build());
    }
    return ParsedPage.newBuilder().setSourceUri("/in/" + outlet + "/" + i + ".txt").setFormat("text")
        .setSizeBytes(100).setOutlet(outlet).setTitle("Council budget vote " + i).setBlocks(blocks).build();
  }

  @Test
  public void repeatedTemplateLinesAreRemovedPerOutletAndShortPagesRejected() {
    List<ParsedPage> pages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pages.add(page("gazette.example.com", i));
    }
    pages.add(page("other.example.org", 9)); // one page of another outlet: its promo line is not template
    pages.add(ParsedPage.newBuilder().setSourceUri("/in/x.txt").setFormat("text").setSizeBytes(10)
        .setTitle("Menu").setBlocks(List.of(PageBlock.newBuilder().setKind(BlockKind.PARAGRAPH)
            .setText("Home").setGroup(0).build())).build());

    PCollectionTuple out = p.apply(Create.of(pages).withCoder(AvroCoder.of(ParsedPage.class)))
        .apply(CleanArticles.create(25, 5));
    PAssert.that(out.get(CleanArticles.ARTICLES)).satisfies(rows -> {
      int n = 0;
      for (Article a : rows) {
        n++;
        boolean hasPromo = a.getText().contains(PROMO);
        if (a.getOutlet().equals("gazette.example.com")) {
          assertFalse(a.getText(), hasPromo);
          assertTrue(a.getBoilerplateLinesRemoved() >= 1);
        } else {
          assertTrue(a.getText(), hasPromo);
        }
        assertTrue(a.getArticleId().matches("[0-9a-f]{16}"));
      }
      org.junit.Assert.assertEquals(6, n);
      return null;
    });
    PAssert.that(out.get(CleanArticles.REJECTS)
            .apply(MapElements.into(TypeDescriptors.strings()).via((Reject r) -> r.getReason())))
        .containsInAnyOrder("no_article_text");
    p.run().waitUntilFinish();
  }
}
