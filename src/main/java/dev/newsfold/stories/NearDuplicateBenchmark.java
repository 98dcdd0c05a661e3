package dev.newsfold.stories;

import dev.newsfold.bench.BenchmarkCorpus;
import dev.newsfold.schema.Article;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Near-duplicate benchmark on real text with known copies: pseudo-articles regrouped from CoNLL-2003 Reuters
 * sentences, and copies of some of them with page chrome added, paragraphs reordered or dropped, and words edited at
 * known rates. Runs the real story stage and prints precision and recall of {@code duplicate_of} (a copy must point
 * into its original's copy group; nothing else may be marked a copy) and articles/s.
 *
 * <p>Usage: {@code NearDuplicateBenchmark [articles...]} (default 10000 100000)
 */
public final class NearDuplicateBenchmark {

  private NearDuplicateBenchmark() {}

  public static void main(String[] args) throws Exception {
    String data = System.getProperty("newsfold.data", "../shared/data");
    List<String> sentences = BenchmarkCorpus.conllSentences(Path.of(data, "conll2003/eng.train"));
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Integer.parseInt(a));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10_000, 100_000);
    }
    for (int n : sizes) {
      run(n, sentences);
    }
  }

  static void run(int n, List<String> sentences) throws Exception {
    Random random = new Random(n);
    List<Article> articles = new ArrayList<>();
    Map<String, String> group = new HashMap<>(); // article → id of its original
    Map<String, Boolean> keepsMost = new HashMap<>();
    int originals = 0;
    while (articles.size() < n) {
      List<String> base = new ArrayList<>();
      for (int p = 0; p < 8 + random.nextInt(8); p++) {
        base.add(sentences.get(random.nextInt(sentences.size())) + " "
            + sentences.get(random.nextInt(sentences.size())));
      }
      String origId = "o" + (originals++);
      Article orig = StoryEvaluation.article(origId, base.get(0), String.join("\n\n", base), "outlet0", null);
      articles.add(orig);
      group.put(orig.getArticleId(), orig.getArticleId());
      int copies = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
      for (int c = 0; c < copies && articles.size() < n; c++) {
        List<String> copy = new ArrayList<>(base);
        double keep = 1.0;
        if (random.nextBoolean()) { // drop paragraphs
          int drop = random.nextInt(Math.max(1, copy.size() / 3));
          for (int d = 0; d < drop; d++) {
            copy.remove(random.nextInt(copy.size()));
          }
          keep = (double) copy.size() / base.size();
        }
        if (random.nextBoolean()) { // reorder
          Collections.shuffle(copy, random);
        }
        double editRate = random.nextInt(3) * 0.02; // 0%, 2% or 4% of words edited
        List<String> edited = new ArrayList<>();
        for (String p : copy) {
          StringBuilder sb = new StringBuilder();
          for (String w : p.split(" ")) {
            sb.append(sb.length() == 0 ? "" : " ").append(random.nextDouble() < editRate ? "edited" : w);
          }
          edited.add(sb.toString());
        }
        edited.add(0, "Home | World | Business | Sport");
        edited.add("Advertisement");
        edited.add("Share this story on social media");
        Article a = StoryEvaluation.article(origId + "c" + c, base.get(0), String.join("\n\n", edited),
            "outlet" + (c + 1), null);
        articles.add(a);
        group.put(a.getArticleId(), orig.getArticleId());
        keepsMost.put(a.getArticleId(), keep >= 0.8);
      }
    }
    StoryEvaluation.Result r = StoryEvaluation.run(articles, JoinStories.create());
    long truePos = 0;
    long relevant = 0;
    long predicted = 0;
    long correct = 0;
    for (Article a : articles) {
      String id = a.getArticleId();
      String dup = r.duplicateOf().get(id);
      boolean sameGroup = dup != null && group.get(dup) != null && group.get(dup).equals(group.get(id));
      boolean target = !group.get(id).equals(id) && keepsMost.get(id);
      relevant += target ? 1 : 0;
      if (dup != null) {
        predicted++;
        correct += sameGroup ? 1 : 0;
        truePos += sameGroup && target ? 1 : 0;
      }
    }
    System.out.printf("%d articles (%d copies keeping >= 80%% of the text): duplicate_of precision %.4f recall %.4f"
            + " | %.0f articles/s%n", n, relevant, predicted == 0 ? 1.0 : (double) correct / predicted,
        relevant == 0 ? 1.0 : (double) truePos / relevant, r.articlesPerSecond());
    if (predicted > 0) {
      System.out.printf("  (precision counts every duplicate_of set: %d of %d point into the right copy group)%n",
          correct, predicted);
    }
  }
}
