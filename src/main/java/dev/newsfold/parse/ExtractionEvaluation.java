package dev.newsfold.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsfold.clean.ChromeCleaner;
import dev.newsfold.io.TextDecoding;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Main-text extraction measured on real pages: the article-extraction benchmark's pages (html/<id>.html.gz) against
 * their ground-truth bodies, scored as the benchmark scores it: \w+ tokens (case kept), 4-token shingles compared as
 * multisets, precision and recall per page, averaged over pages, F1 of the two averages.
 *
 * <p>It runs newsfold's HTML path as the pipeline does: decoding, {@link HtmlPageParser}'s extractor, then the chrome
 * cleaner. Usage: {@code ExtractionEvaluation [dataDir] [--verbose]}; --verbose prints F1, P, R and id per page, worst
 * first; {@code -Dnewsfold.extraction.dump=DIR} writes each page's predicted and gold text there.
 */
public final class ExtractionEvaluation {

  private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  private ExtractionEvaluation() {}

  /** Precision, recall, F1 over pages, and pages/s. */
  public record Score(double precision, double recall, double f1, int pages, double pagesPerSecond) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("newsfold.data", "../shared/data"), "article-extraction");
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("--verbose")) {
        verbose = true;
      } else {
        dir = Path.of(a);
      }
    }
    Score s = evaluate(dir, verbose);
    System.out.printf("article-extraction: %d pages  P %.3f  R %.3f  F1 %.3f  (%.1f pages/s)%n", s.pages(),
        s.precision(), s.recall(), s.f1(), s.pagesPerSecond());
  }

  public static Score evaluate(Path dir, boolean verbose) throws Exception {
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
    HtmlArticleExtractor extractor = new HtmlArticleExtractor();
    double sumP = 0;
    double sumR = 0;
    int pages = 0;
    long nanos = 0;
    List<String> report = new ArrayList<>();
    for (var it = truth.fields(); it.hasNext(); ) {
      var e = it.next();
      Path file = dir.resolve("html").resolve(e.getKey() + ".html.gz");
      if (!Files.exists(file)) {
        continue;
      }
      byte[] bytes;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        bytes = in.readAllBytes();
      }
      long t = System.nanoTime();
      String html = TextDecoding.decode(bytes, bytes.length, TextDecoding.declaredInMarkup(bytes, bytes.length))
          .text();
      String predicted = extract(extractor, html, e.getValue().path("url").asText(null));
      nanos += System.nanoTime() - t;
      double[] pr = score(predicted, e.getValue().path("articleBody").asText(""));
      sumP += pr[0];
      sumR += pr[1];
      pages++;
      double f1 = pr[0] + pr[1] == 0 ? 0 : 2 * pr[0] * pr[1] / (pr[0] + pr[1]);
      report.add(String.format("%.3f %.3f %.3f %s", f1, pr[0], pr[1], e.getKey().substring(0, 12)));
      String dump = System.getProperty("newsfold.extraction.dump");
      if (dump != null) {
        // Predicted and gold bodies side by side, for reading why a page fails.
        Files.createDirectories(Path.of(dump));
        Files.writeString(Path.of(dump, e.getKey().substring(0, 12) + ".pred.txt"), predicted);
        Files.writeString(Path.of(dump, e.getKey().substring(0, 12) + ".gold.txt"),
            e.getValue().path("articleBody").asText(""));
      }
    }
    if (verbose) {
      report.sort(null);
      report.stream().limit(200).forEach(System.out::println);
    }
    double p = sumP / pages;
    double r = sumR / pages;
    return new Score(p, r, 2 * p * r / (p + r), pages, pages / (nanos / 1e9));
  }

  /** The HTML path of the pipeline: extractor blocks through the chrome cleaner, joined as the body text. */
  static String extract(HtmlArticleExtractor extractor, String html, String url) {
    HtmlArticle a = extractor.extract(html, url);
    List<ChromeCleaner.Line> lines = new ArrayList<>();
    int group = 0;
    for (Block b : a.blocks()) {
      lines.add(new ChromeCleaner.Line(TextDumpParser.normalizeSpace(b.text()), group++,
          ChromeCleaner.Line.Kind.valueOf(b.kind().name())));
    }
    if (Boolean.getBoolean("newsfold.extraction.raw")) {
      return String.join("\n", a.blocks().stream().map(Block::text).toList());
    }
    ChromeCleaner.Result r = new ChromeCleaner(k -> false, true).clean(a.title(), lines);
    return String.join("\n", r.paragraphs());
  }

  /** The benchmark's per-page precision and recall of 4-token shingles (multisets). */
  static double[] score(String predicted, String gold) {
    Map<String, Integer> p = shingles(predicted);
    Map<String, Integer> g = shingles(gold);
    int pn = p.values().stream().mapToInt(Integer::intValue).sum();
    int gn = g.values().stream().mapToInt(Integer::intValue).sum();
    int tp = 0;
    for (var e : p.entrySet()) {
      tp += Math.min(e.getValue(), g.getOrDefault(e.getKey(), 0));
    }
    if (pn == 0 && gn == 0) {
      return new double[] {1, 1};
    }
    return new double[] {pn == 0 ? 0 : (double) tp / pn, gn == 0 ? 0 : (double) tp / gn};
  }

  static Map<String, Integer> shingles(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + 4 <= tokens.size(); i++) {
      out.merge(String.join(" ", tokens.subList(i, i + 4)), 1, Integer::sum);
    }
    return out;
  }
}
