package dev.newsfold.parse;

import dev.newsfold.StageClock;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.ParsedPage;
import dev.newsfold.schema.internal.RawDocument;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Parses each decoded document into a {@link ParsedPage}: metadata (title, date, section, outlet, byline, language)
 * and body blocks that still hold page chrome. Text dumps and HTML have their own parsers; a document whose parser
 * fails, or that has no body, becomes a reject.
 */
public class ParseArticles extends PTransform<PCollection<RawDocument>, PCollectionTuple> {

  public static final TupleTag<ParsedPage> PAGES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  public static ParseArticles create() {
    return new ParseArticles();
  }

  @Override
  public PCollectionTuple expand(PCollection<RawDocument> docs) {
    PCollectionTuple out = docs.apply("ParsePages",
        ParDo.of(new ParseFn()).withOutputTags(PAGES, TupleTagList.of(REJECTS)));
    out.get(PAGES).setCoder(AvroCoder.of(ParsedPage.class));
    out.get(REJECTS).setCoder(AvroCoder.of(Reject.class));
    return out;
  }

  static class ParseFn extends DoFn<RawDocument, ParsedPage> {
    private final StageClock clock = new StageClock("parse");
    private final Counter parsed = Metrics.counter("parse", "pages");
    private final Counter failed = Metrics.counter("parse", "rejects");
    private transient HtmlPageParser html;
    private transient TextDumpParser text;

    @Setup
    public void setup() {
      html = new HtmlPageParser();
      text = new TextDumpParser();
    }

    @ProcessElement
    public void process(@Element RawDocument doc, MultiOutputReceiver out) {
      long t = clock.start();
      try {
        parseOne(doc, out);
      } finally {
        clock.stop(t);
      }
    }

    private void parseOne(RawDocument doc, MultiOutputReceiver out) {
      try {
        ParsedPage page = parse(doc);
        if (page.getBlocks().isEmpty()) {
          failed.inc();
          out.get(REJECTS).output(reject(doc, "no_article_text", "no body text found"));
          return;
        }
        parsed.inc();
        out.get(PAGES).output(page);
      } catch (RuntimeException | StackOverflowError e) {
        // A parser bug or a pathological page must cost one reject, not the job.
        failed.inc();
        out.get(REJECTS).output(reject(doc, "parse_error", e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }

    ParsedPage parse(RawDocument doc) {
      ParsedPage.Builder page = ParsedPage.newBuilder()
          .setSourceUri(doc.getSourceUri()).setFormat(doc.getFormat()).setSizeBytes(doc.getSizeBytes())
          .setUrl(doc.getUrl()).setTitle(blankToNull(doc.getTitle())).setPublished(doc.getPublished())
          .setOutlet(doc.getOutlet());
      if ("html".equals(doc.getContentType())) {
        html.parse(doc.getContent(), page);
      } else {
        text.parse(doc.getContent(), page);
      }
      page.setOutlet(Outlets.of(page.getOutlet(), page.getUrl(), doc.getSourceUri()));
      return page.build();
    }
  }

  static Reject reject(RawDocument doc, String reason, String detail) {
    return Reject.newBuilder().setSourceUri(doc.getSourceUri()).setStage("parse").setReason(reason)
        .setDetail(detail).setSizeBytes(doc.getSizeBytes()).build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
