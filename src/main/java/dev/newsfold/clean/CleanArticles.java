package dev.newsfold.clean;

import dev.newsfold.parse.Dates;
import dev.newsfold.parse.LanguageGuesser;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Removes page chrome from every parsed page and builds the {@link Article} rows: clean body, header fields, counts of
 * what was removed, content hash and stable id. Pages with too little text left become rejects.
 */
public class CleanArticles extends PTransform<PCollection<ParsedPage>, PCollectionTuple> {

  public static final TupleTag<Article> ARTICLES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  private final int minWords;
  private final int templateMinPages;

  private CleanArticles(int minWords, int templateMinPages) {
    this.minWords = minWords;
    this.templateMinPages = templateMinPages;
  }

  /**
   * @param minWords fewer words of body left after cleaning means the page held no article
   * @param templateMinPages a line on this many differently titled pages of one outlet is template chrome
   */
  public static CleanArticles create(int minWords, int templateMinPages) {
    return new CleanArticles(minWords, templateMinPages);
  }

  @Override
  public PCollectionTuple expand(PCollection<ParsedPage> pages) {
    PCollectionView<Map<String, Void>> template =
        pages.apply("FindTemplateLines", FindTemplateLines.withMinPages(templateMinPages));
    PCollectionTuple out = pages.apply("RemoveChrome",
        ParDo.of(new CleanFn(template, minWords)).withSideInputs(template)
            .withOutputTags(ARTICLES, TupleTagList.of(REJECTS)));
    out.get(ARTICLES).setCoder(AvroCoder.of(Article.class));
    out.get(REJECTS).setCoder(AvroCoder.of(Reject.class));
    return out;
  }

  static class CleanFn extends DoFn<ParsedPage, Article> {
    private final Counter articles = Metrics.counter("clean", "articles");
    private final Counter rejects = Metrics.counter("clean", "rejects");
    private final Counter linesRemoved = Metrics.counter("clean", "boilerplate_lines_removed");
    private final PCollectionView<Map<String, Void>> template;
    private final int minWords;

    CleanFn(PCollectionView<Map<String, Void>> template, int minWords) {
      this.template = template;
      this.minWords = minWords;
    }

    @ProcessElement
    public void process(@Element ParsedPage page, ProcessContext c, MultiOutputReceiver out) {
      Map<String, Void> templateLines = c.sideInput(template);
      String outlet = page.getOutlet();
      ChromeCleaner cleaner = new ChromeCleaner(
          k -> templateLines.containsKey(FindTemplateLines.key(outlet, k)), page.getStructured());
      ChromeCleaner.Result r;
      try {
        r = cleaner.clean(page.getTitle(), lines(page));
      } catch (RuntimeException e) {
        rejects.inc();
        out.get(REJECTS).output(reject(page, "clean_error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        return;
      }
      Article article = toArticle(page, r);
      if (article.getWordCount() < minWords) {
        rejects.inc();
        out.get(REJECTS).output(reject(page, "no_article_text",
            article.getWordCount() + " words of article text left after removing page chrome (minimum " + minWords
                + ")"));
        return;
      }
      articles.inc();
      linesRemoved.inc(r.linesRemoved());
      out.get(ARTICLES).output(article);
    }
  }

  static List<ChromeCleaner.Line> lines(ParsedPage page) {
    List<ChromeCleaner.Line> lines = new ArrayList<>(page.getBlocks().size());
    for (PageBlock b : page.getBlocks()) {
      lines.add(new ChromeCleaner.Line(b.getText(), b.getGroup(), ChromeCleaner.Line.Kind.valueOf(b.getKind().name())));
    }
    return lines;
  }

  static Article toArticle(ParsedPage page, ChromeCleaner.Result r) {
    String text = r.text();
    LocalDate date = Dates.parse(page.getPublished());
    String language = page.getLanguage() != null ? page.getLanguage() : LanguageGuesser.guess(text);
    String contentHash = ArticleIds.contentHash(text);
    String published = page.getPublished();
    return Article.newBuilder()
        .setArticleId(ArticleIds.articleId(contentHash, page.getTitle(), page.getSourceUri()))
        .setSourceUri(page.getSourceUri())
        .setFormat(page.getFormat())
        .setUrl(page.getUrl())
        .setOutlet(page.getOutlet())
        .setTitle(page.getTitle())
        .setStandfirst(page.getStandfirst() != null ? page.getStandfirst() : r.standfirst())
        .setByline(page.getByline() != null ? page.getByline() : r.byline())
        .setAgency(page.getAgency() != null ? page.getAgency() : r.agency())
        .setDateline(r.dateline())
        .setPublishedDate(date)
        .setPublishedTime(published != null && published.contains("T") ? published : null)
        .setSection(page.getSection())
        .setLanguage(language)
        .setText(text)
        .setWordCount(LineShape.words(text).size())
        .setParagraphCount(r.paragraphs().size())
        .setBoilerplateLinesRemoved(r.linesRemoved())
        .setBoilerplateCharsRemoved(r.charsRemoved())
        .setContentHash(contentHash)
        .build();
  }

  static Reject reject(ParsedPage page, String reason, String detail) {
    return Reject.newBuilder().setSourceUri(page.getSourceUri()).setStage("clean").setReason(reason)
        .setDetail(detail).setSizeBytes(page.getSizeBytes()).build();
  }
}
