package dev.newsfold.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsfold.schema.Article;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Scores the real {@link JoinStories} transform against gold story clusters on the DirectRunner.
 *
 * <p>Usage: {@code EvaluateStories DATA_DIR [ecbplus|news-aggregator|all] [MAX_COMPONENT_ARTICLES [MAX_LINKS]]} where DATA_DIR
 * holds ecbplus/ and news-aggregator/ (the shared labelled data). Prints B-cubed and pairwise P/R/F1 and articles per
 * second. MAX_COMPONENT_ARTICLES (default: the transform's) sets the size above which a component is clustered in
 * rounds ({@link JoinStories#withMaxComponentArticles}); 0 measures the rounds on every component. MAX_LINKS caps the
 * story edges per article in the rounds ({@link JoinStories#withMaxLinksPerArticle}).
 */
public final class EvaluateStories {
  private EvaluateStories() {}

  public static void main(String[] args) throws Exception {
    Path data = Paths.get(args.length > 0 ? args[0] : "../shared/data");
    String which = args.length > 1 ? args[1] : "all";
    JoinStories transform = args.length > 2
        ? JoinStories.create().withMaxComponentArticles(Integer.parseInt(args[2])) : JoinStories.create();
    if (args.length > 3) {
      transform = transform.withMaxLinksPerArticle(Integer.parseInt(args[3]));
    }
    if (which.equals("all") || which.equals("ecbplus")) {
      report("ecbplus", ecbplus(data.resolve("ecbplus/ecbplus_docs.jsonl.gz")), transform);
    }
    if (which.equals("all") || which.equals("news-aggregator")) {
      report("news-aggregator", newsAggregator(data.resolve("news-aggregator/dev.csv")), transform);
    }
  }

  /** Articles plus gold cluster per article id. */
  static final class Labelled {
    final List<Article> articles = new ArrayList<>();
    final Map<String, String> gold = new HashMap<>();
  }

  static ClusterMetrics report(String name, Labelled l, JoinStories transform) throws IOException {
    EvalSupport.Run run = EvalSupport.run(l.articles, transform);
    Map<String, String> predicted = new HashMap<>();
    run.byArticle.forEach((id, v) -> predicted.put(id, v[0]));
    ClusterMetrics m = ClusterMetrics.of(l.gold, predicted);
    long stories = predicted.values().stream().distinct().count();
    long goldStories = l.gold.values().stream().distinct().count();
    System.out.printf("%s: %d articles, %d gold stories, %d predicted stories%n", name, l.articles.size(),
        goldStories, stories);
    System.out.printf("%s: %s%n", name, m);
    System.out.printf("%s: %.1f s, %.0f articles/s (DirectRunner, incl. startup)%n", name, run.seconds,
        l.articles.size() / run.seconds);
    return m;
  }

  /** ECB+: no titles or dates; the first sentence stands in for the title. */
  static Labelled ecbplus(Path file) throws IOException {
    Labelled l = new Labelled();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode d = json.readTree(line);
        String text = d.get("text").asText();
        String[] sentences = text.split("\n");
        String id = EvalSupport.sha256("ecbplus:" + d.get("doc_id").asText()).substring(0, 16);
        l.articles.add(EvalSupport.article(id, sentences[0], text, null, null));
        l.gold.put(id, d.get("cluster").asText());
      }
    }
    return l;
  }

  /** News Aggregator: one headline an article (title = text), publisher as outlet, timestamp as date. */
  static Labelled newsAggregator(Path file) throws IOException {
    Labelled l = new Labelled();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<List<String>> rows = Csv.read(r);
      List<String> header = rows.get(0);
      int idCol = header.indexOf("ID");
      int titleCol = header.indexOf("TITLE");
      int pubCol = header.indexOf("PUBLISHER");
      int storyCol = header.indexOf("STORY");
      int tsCol = header.indexOf("TIMESTAMP");
      for (List<String> row : rows.subList(1, rows.size())) {
        if (row.size() <= tsCol) {
          continue;
        }
        String id = EvalSupport.sha256("news-aggregator:" + row.get(idCol)).substring(0, 16);
        LocalDate date = Instant.ofEpochMilli(Long.parseLong(row.get(tsCol).trim())).atZone(ZoneOffset.UTC)
            .toLocalDate();
        l.articles.add(EvalSupport.article(id, row.get(titleCol), row.get(titleCol), row.get(pubCol), date));
        l.gold.put(id, row.get(storyCol));
      }
    }
    return l;
  }
}
