package dev.newsfold.clean;

import dev.newsfold.OnePassCoGroupByKey;
import dev.newsfold.StageClock;
import dev.newsfold.parse.Dates;
import dev.newsfold.parse.LanguageGuesser;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.KV;
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
  private final int buckets;

  private CleanArticles(int minWords, int templateMinPages, int buckets) {
    this.minWords = minWords;
    this.templateMinPages = templateMinPages;
    this.buckets = buckets;
  }

  /**
   * @param minWords fewer words of body left after cleaning means the page held no article
   * @param templateMinPages a line on this many differently titled pages of one outlet is template chrome
   */
  public static CleanArticles create(int minWords, int templateMinPages) {
    return new CleanArticles(minWords, templateMinPages, DEFAULT_BUCKETS);
  }

  /** Hash buckets of the template-line join (and of the line count); raise with the corpus. */
  public CleanArticles withBuckets(int count) {
    return new CleanArticles(minWords, templateMinPages, count);
  }

  /**
   * Pages meet their outlet's template lines in a join on hash buckets: an outlet's pages are spread over
   * {@link #spread} buckets (so one big outlet does not land on one worker) and its template lines are copied to each.
   * A side input would be simpler, but on the DirectRunner it holds every page back until the template lines are
   * ready and then processes them one bundle each, which made local runs many times slower.
   */
  static final int DEFAULT_BUCKETS = 64;

  /** Buckets one outlet's pages spread over: an eighth of all, at least 8. */
  static int spread(int buckets) {
    return Math.max(8, buckets / 8);
  }

  static int bucket(String outlet, int spread, int buckets) {
    return Math.floorMod((outlet == null ? "" : outlet).hashCode() * 31 + spread, buckets);
  }

  @Override
  public PCollectionTuple expand(PCollection<ParsedPage> pages) {
    int buckets = this.buckets;
    int spreadOver = spread(buckets);
    TupleTag<ParsedPage> pageTag = new TupleTag<>() {};
    TupleTag<String> templateTag = new TupleTag<>() {};
    PCollection<KV<Integer, String>> template = pages
        .apply("FindTemplateLines", FindTemplateLines.withMinPages(templateMinPages).withBuckets(buckets))
        .apply("ToBuckets", ParDo.of(new DoFn<String, KV<Integer, String>>() {
          @ProcessElement
          public void process(@Element String key, OutputReceiver<KV<Integer, String>> out) {
            String outlet = FindTemplateLines.outletOf(key);
            for (int spread = 0; spread < spreadOver; spread++) {
              out.output(KV.of(bucket(outlet, spread, buckets), key));
            }
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
    PCollection<KV<Integer, ParsedPage>> keyed = pages
        .apply("PagesToBuckets", ParDo.of(new DoFn<ParsedPage, KV<Integer, ParsedPage>>() {
          @ProcessElement
          public void process(@Element ParsedPage page, OutputReceiver<KV<Integer, ParsedPage>> out) {
            int spread = Math.floorMod(page.getSourceUri().hashCode(), spreadOver);
            out.output(KV.of(bucket(page.getOutlet(), spread, buckets), page));
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(ParsedPage.class)));
    PCollectionTuple out = KeyedPCollectionTuple.of(pageTag, keyed).and(templateTag, template)
        .apply("JoinTemplateLines", OnePassCoGroupByKey.create())
        .apply("RemoveChrome", ParDo.of(new CleanFn(pageTag, templateTag, minWords))
            .withOutputTags(ARTICLES, TupleTagList.of(REJECTS)));
    out.get(ARTICLES).setCoder(AvroCoder.of(Article.class));
    out.get(REJECTS).setCoder(AvroCoder.of(Reject.class));
    return out;
  }

  static class CleanFn extends DoFn<KV<Integer, CoGbkResult>, Article> {
    private final StageClock clock = new StageClock("clean");
    private final Counter articles = Metrics.counter("clean", "articles");
    private final Counter rejects = Metrics.counter("clean", "rejects");
    private final Counter linesRemoved = Metrics.counter("clean", "boilerplate_lines_removed");
    private final TupleTag<ParsedPage> pageTag;
    private final TupleTag<String> templateTag;
    private final int minWords;

    CleanFn(TupleTag<ParsedPage> pageTag, TupleTag<String> templateTag, int minWords) {
      this.pageTag = pageTag;
      this.templateTag = templateTag;
      this.minWords = minWords;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> bucket, MultiOutputReceiver out) {
      Set<String> templateLines = new HashSet<>();
      bucket.getValue().getAll(templateTag).forEach(templateLines::add);
      for (ParsedPage page : bucket.getValue().getAll(pageTag)) {
        long t = clock.start();
        clean(page, templateLines, out);
        clock.stop(t);
      }
    }

    private void clean(ParsedPage page, Set<String> templateLines, MultiOutputReceiver out) {
      String outlet = page.getOutlet();
      ChromeCleaner cleaner = new ChromeCleaner(
          k -> templateLines.contains(FindTemplateLines.key(outlet, k)), page.getStructured());
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
