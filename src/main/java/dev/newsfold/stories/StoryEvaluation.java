package dev.newsfold.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsfold.clean.ArticleIds;
import dev.newsfold.schema.Article;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Measures the real story stage ({@link JoinStories} on the DirectRunner) against gold story clusters: B-cubed
 * precision, recall and F1, pairwise F1, and articles/s, on ECB+ (full-text articles, 42 event clusters) and the
 * News Aggregator slice (headlines, 56 stories).
 *
 * <p>Usage: {@code StoryEvaluation [dataDir]}
 */
public final class StoryEvaluation {

  private StoryEvaluation() {}

  /** B-cubed and pairwise scores. */
  public record Score(double precision, double recall, double f1, double pairwiseF1, int items, int predicted,
      int gold, double articlesPerSecond) {
    @Override
    public String toString() {
      return String.format("B-cubed P %.3f R %.3f F1 %.3f | pairwise F1 %.3f | %d articles, %d stories (gold %d)"
          + " | %.0f articles/s", precision, recall, f1, pairwiseF1, items, predicted, gold, articlesPerSecond);
    }
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : System.getProperty("newsfold.data", "../shared/data"));
    System.out.println("ecbplus:        " + evaluate(ecbPlus(data.resolve("ecbplus/ecbplus_docs.jsonl.gz"))));
    System.out.println("news-aggregator: " + evaluate(newsAggregator(data.resolve("news-aggregator/dev.csv"))));
  }

  /** Articles with their gold cluster. */
  public record Labelled(List<Article> articles, Map<String, String> gold) {}

  static Article article(String key, String title, String text, String outlet, java.time.LocalDate date) {
    return Article.newBuilder().setArticleId(ArticleIds.sha256Hex(key, 16)).setSourceUri(key).setFormat("eval")
        .setTitle(title).setText(text).setOutlet(outlet).setPublishedDate(date)
        .setWordCount(text.split("\\s+").length).setParagraphCount(1).setBoilerplateLinesRemoved(0)
        .setBoilerplateCharsRemoved(0).setContentHash(ArticleIds.contentHash(text)).build();
  }

  public static Labelled ecbPlus(Path file) throws Exception {
    List<Article> articles = new ArrayList<>();
    Map<String, String> gold = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = json.readTree(line);
        String text = n.get("text").asText();
        String title = text.lines().findFirst().orElse("");
        Article a = article(n.get("doc_id").asText(), title, text, null, null);
        articles.add(a);
        gold.put(a.getArticleId(), n.get("cluster").asText());
      }
    }
    return new Labelled(articles, gold);
  }

  public static Labelled newsAggregator(Path csv) throws Exception {
    List<Article> articles = new ArrayList<>();
    Map<String, String> gold = new HashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = csvFields(line);
      if (f.size() < 8) {
        continue;
      }
      java.time.LocalDate date = Instant.ofEpochMilli(Long.parseLong(f.get(7).strip())).atZone(ZoneOffset.UTC)
          .toLocalDate();
      Article a = article(f.get(0), f.get(1), f.get(1), f.get(3), date);
      articles.add(a);
      gold.put(a.getArticleId(), f.get(5));
    }
    return new Labelled(articles, gold);
  }

  static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Runs the story stage on the DirectRunner and scores its story_id against the gold clusters. */
  public static Score evaluate(Labelled data) throws Exception {
    JoinStories stage = JoinStories.create();
    // Parameter sweeps without a rebuild: -Dstories.cosine=0.4 -Dstories.keys=25 -Dstories.maxStory=300
    if (System.getProperty("stories.cosine") != null) {
      stage.withRewriteCosine(Double.parseDouble(System.getProperty("stories.cosine")));
    }
    if (System.getProperty("stories.strong") != null) {
      stage.withStrongCosine(Double.parseDouble(System.getProperty("stories.strong")));
    }
    if (System.getProperty("stories.keys") != null) {
      stage.withKeyTerms(Integer.parseInt(System.getProperty("stories.keys")));
    }
    if (System.getProperty("stories.maxStory") != null) {
      stage.withMaxStory(Integer.parseInt(System.getProperty("stories.maxStory")));
    }
    return score(run(data.articles(), stage), data.gold(), data.articles().size());
  }

  /** article_id → story_id from a real run of the transform. */
  static Result run(List<Article> articles, JoinStories stage) throws Exception {
    Path out = Files.createTempDirectory("newsfold-stories");
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=2",
        "--enforceImmutability=false").create());
    p.apply(Create.of(articles).withCoder(AvroCoder.of(Article.class)))
        .apply(stage)
        .articles()
        .apply(MapElements.into(TypeDescriptors.strings())
            .via(a -> a.getArticleId() + "\t" + a.getStoryId() + "\t" + a.getDuplicateOf()))
        .apply(TextIO.write().to(out.resolve("assign").toString()).withoutSharding());
    long t = System.nanoTime();
    p.run().waitUntilFinish();
    double seconds = (System.nanoTime() - t) / 1e9;
    Map<String, String> story = new HashMap<>();
    Map<String, String> duplicateOf = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("assign"))) {
      String[] f = line.split("\t");
      story.put(f[0], f[1]);
      duplicateOf.put(f[0], f[2].equals("null") ? null : f[2]);
    }
    return new Result(story, duplicateOf, articles.size() / seconds);
  }

  record Result(Map<String, String> story, Map<String, String> duplicateOf, double articlesPerSecond) {}

  static Score score(Result r, Map<String, String> gold, int n) {
    Map<String, List<String>> pred = new HashMap<>();
    Map<String, List<String>> truth = new HashMap<>();
    r.story().forEach((id, s) -> pred.computeIfAbsent(s, k -> new ArrayList<>()).add(id));
    gold.forEach((id, g) -> truth.computeIfAbsent(g, k -> new ArrayList<>()).add(id));
    double p = 0;
    double rec = 0;
    long tp = 0;
    long predPairs = 0;
    long goldPairs = 0;
    for (String id : gold.keySet()) {
      List<String> ps = pred.get(r.story().get(id));
      List<String> gs = truth.get(gold.get(id));
      long both = ps.stream().filter(x -> gold.get(x).equals(gold.get(id))).count();
      p += (double) both / ps.size();
      rec += (double) both / gs.size();
      tp += both - 1;
      predPairs += ps.size() - 1;
      goldPairs += gs.size() - 1;
    }
    p /= gold.size();
    rec /= gold.size();
    double pp = predPairs == 0 ? 1 : (double) tp / predPairs;
    double pr = goldPairs == 0 ? 1 : (double) tp / goldPairs;
    return new Score(p, rec, 2 * p * rec / (p + rec), pp + pr == 0 ? 0 : 2 * pp * pr / (pp + pr), n, pred.size(),
        truth.size(), r.articlesPerSecond());
  }
}
