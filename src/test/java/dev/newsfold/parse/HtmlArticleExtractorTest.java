package dev.newsfold.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlArticleExtractorTest {

  static final String P1 = "The city council approved the new budget on Monday after a long debate about school"
      + " funding, road repairs and the future of the public library.";
  static final String P2 = "Councillors voted seven to two in favour, with the two dissenting members arguing that"
      + " the plan relied on optimistic forecasts of tax revenue.";
  static final String P3 = "The budget takes effect next month, and the finance officer said the first payments to"
      + " schools would be made before the end of the year.";

  static String page(String extraHead) {
    return "<html lang=\"en-GB\"><head><title>Council passes budget | Valley Gazette</title>" + extraHead
        + "<meta property=\"og:site_name\" content=\"Valley Gazette\">"
        + "<meta name=\"author\" content=\"Jane Doe\">"
        + "<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00+01:00\">"
        + "<meta property=\"article:section\" content=\"Local\">"
        + "<link rel=\"canonical\" href=\"https://valley.example.com/budget\"></head><body>"
        + "<div class=\"site-nav\"><a href=\"/\">Home</a><a href=\"/news\">News</a><a href=\"/sport\">Sport</a></div>"
        + "<div class=\"main-column\"><h1>Council passes budget</h1><div class=\"story-body\">"
        + "<p>" + P1 + "</p><h2>Vote split</h2><p>" + P2 + "</p>"
        + "<div class=\"related-links\"><ul><li><a href=\"/a\">Other story one about something else</a></li>"
        + "<li><a href=\"/b\">Other story two about another thing</a></li></ul></div>"
        + "<p>" + P3 + "</p></div></div>"
        + "<div id=\"comments\"><p>Great news, finally some money for the library in this town!</p></div>"
        + "<footer><p>© 2024 Valley Gazette. All rights reserved. Terms and privacy policy apply.</p></footer>"
        + "</body></html>";
  }

  @Test
  void metadataFromThePagesOwnDeclarations() {
    HtmlArticle a = new HtmlArticleExtractor().extract(page(""), "https://valley.example.com/budget?x=1");
    assertEquals("Council passes budget", a.title());
    assertEquals("Valley Gazette", a.siteName());
    assertEquals("Jane Doe", a.byline());
    assertEquals(LocalDate.of(2024, 3, 5), a.publishedDate());
    assertEquals("Local", a.section());
    assertEquals("en-GB", a.language());
    assertEquals("https://valley.example.com/budget", a.canonicalUrl());
  }

  @Test
  void jsonLdFillsWhatMetaTagsLack() {
    String ld = "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
        + "\"headline\":\"Budget approved\",\"datePublished\":\"2024-03-04\",\"articleSection\":\"Politics\","
        + "\"author\":[{\"@type\":\"Person\",\"name\":\"John Roe\"}],\"publisher\":{\"name\":\"VG\"}}</script>";
    HtmlArticle a = new HtmlArticleExtractor().extract("<html><head>" + ld + "</head><body><p>" + P1 + "</p></body>"
        + "</html>", null);
    assertEquals("Budget approved", a.title());
    assertEquals(LocalDate.of(2024, 3, 4), a.publishedDate());
    assertEquals("Politics", a.section());
    assertEquals("John Roe", a.byline());
    assertEquals("VG", a.siteName());
  }

  @Test
  void mainTextChosenOverNavigationRelatedLinksCommentsAndFooter() {
    HtmlArticle a = new HtmlArticleExtractor().extract(page(""), null);
    List<String> texts = a.blocks().stream().map(Block::text).toList();
    assertEquals(List.of(P1, "Vote split", P2, P3), texts);
    assertEquals(Block.Kind.HEADING, a.blocks().get(1).kind());
    String all = String.join(" ", texts);
    assertFalse(all.contains("Other story"));
    assertFalse(all.contains("Great news"));
    assertFalse(all.contains("All rights reserved"));
  }

  @Test
  void paragraphsWrittenWithLineBreaksAreFound() {
    String html = "<html><body><div class=\"post\">" + P1 + "<br><br>" + P2 + "<br><br>" + P3 + "</div>"
        + "<div class=\"menu\"><a href=\"/\">Home</a></div></body></html>";
    List<String> texts = new HtmlArticleExtractor().extract(html, null).blocks().stream().map(Block::text).toList();
    assertEquals(List.of(P1, P2, P3), texts);
  }

  @Test
  void articleSplitOverSiblingChunksIsTakenWhole() {
    // One wrapper per couple of paragraphs, as chunked bodies with ad slots between them are written.
    String chunk = "<div class=\"chunk\"><div class=\"inner\"><p>%s</p><p>%s</p></div></div>";
    String html = "<html><body><div class=\"menu\"><a href=\"/\">Home</a></div><section>"
        + String.format(chunk, P1, P2) + "<div class=\"ad-slot\"></div>" + String.format(chunk, P3, P1 + " Again.")
        + "</section><footer><p>Copyright notice for this example site.</p></footer></body></html>";
    List<String> texts = new HtmlArticleExtractor().extract(html, null).blocks().stream().map(Block::text).toList();
    assertEquals(List.of(P1, P2, P3, P1 + " Again."), texts);
  }

  @Test
  void paragraphsInOtherScriptsAreNotTakenForDuplicates() {
    String a = "Наши герои знают толк не только во вкусе, но и в красоте еды и рецептов.";
    String b = "Самые популярные блогеры рассказали нам, как они решили заняться этим творчеством.";
    String c = "Первые три участника, набравшие больше голосов, получат ценные призы и подарки.";
    String html = "<html><body><div class=\"text\"><p>" + a + "</p><p>" + b + "</p><p>" + c + "</p></div></body></html>";
    List<String> texts = new HtmlArticleExtractor().extract(html, null).blocks().stream().map(Block::text).toList();
    assertEquals(List.of(a, b, c), texts);
  }

  @Test
  void dataTableRowsAndPartlyLinkedSentencesAreKept() {
    String linked = "The suspect was convicted and <a href=\"/x\">sentenced to life in federal prison last Thursday</a>.";
    String html = "<html><body><div class=\"story\"><p>" + P1 + "</p><p>" + linked + "</p>"
        + "<table><tr><th>Pos.</th><th>Driver</th><th>Points</th><th>Wins</th><th>Top 5</th></tr>"
        + "<tr><td>1</td><td>Kyle Busch</td><td>5040</td><td>5</td><td>17</td></tr>"
        + "</table><p>" + P2 + "</p><p><a href=\"/y\">Another story entirely about something else</a></p>"
        + "</div></body></html>";
    List<String> texts = new HtmlArticleExtractor().extract(html, null).blocks().stream().map(Block::text).toList();
    assertEquals(List.of(P1, "The suspect was convicted and sentenced to life in federal prison last Thursday.",
        "Pos. Driver Points Wins Top 5", "1 Kyle Busch 5040 5 17", P2), texts);
  }

  @Test
  void oddInputNeverThrows() {
    HtmlArticleExtractor x = new HtmlArticleExtractor();
    assertTrue(x.extract("", null).blocks().isEmpty());
    assertTrue(x.extract("<html><head></head></html>", null).blocks().isEmpty());
    assertTrue(x.extract("<<<>>> not html at all &&&", null).blocks().size() <= 1);
    String deep = "<html><body>" + "<div>".repeat(50_000) + "<p>" + P1 + "</p>" + "</div>".repeat(50_000)
        + "</body></html>";
    assertEquals(List.of(P1), x.extract(deep, null).blocks().stream().map(Block::text).toList());
  }

  @Test
  void realPagesScoreAboveTheFloor() throws Exception {
    Path dir = Path.of(System.getProperty("newsfold.data", "../shared/data"), "article-extraction");
    assumeTrue(Files.exists(dir.resolve("ground-truth.json")), "article-extraction data not present: skipped");
    ExtractionEvaluation.Score s = ExtractionEvaluation.evaluate(dir, false);
    assertTrue(s.f1() >= 0.955, "F1 " + s.f1());
  }
}
