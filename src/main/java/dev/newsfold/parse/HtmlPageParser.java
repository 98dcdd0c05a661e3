package dev.newsfold.parse;

import dev.newsfold.schema.internal.BlockKind;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.util.ArrayList;
import java.util.List;

/** Fills a {@link ParsedPage} from an HTML page: the extractor's metadata and main-content blocks. */
public final class HtmlPageParser {

  private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();

  public void parse(String html, ParsedPage.Builder page) {
    HtmlArticle a = extractor.extract(html, page.getUrl());
    // Values the container gave (JSONL fields, WARC target) win over page metadata only where the page has none.
    if (page.getTitle() == null) {
      page.setTitle(a.title());
    }
    if (a.canonicalUrl() != null && page.getUrl() == null) {
      page.setUrl(a.canonicalUrl());
    }
    if (page.getOutlet() == null) {
      page.setOutlet(a.siteName());
    }
    if (a.publishedTime() != null) {
      page.setPublished(a.publishedTime()); // the page's own date beats a crawl date
    } else if (a.publishedDate() != null) {
      page.setPublished(a.publishedDate().toString());
    }
    page.setStandfirst(a.standfirst());
    page.setByline(a.byline());
    page.setAgency(a.agency());
    page.setSection(a.section());
    page.setLanguage(LanguageGuesser.normalise(a.language()));
    List<PageBlock> blocks = new ArrayList<>();
    int group = 0;
    for (Block b : a.blocks()) {
      blocks.add(PageBlock.newBuilder()
          .setKind(BlockKind.valueOf(b.kind().name()))
          .setText(TextDumpParser.normalizeSpace(b.text()))
          .setGroup(group++)
          .build());
    }
    page.setBlocks(blocks);
    page.setStructured(true);
  }
}
