package dev.newsfold.stories;

import dev.newsfold.NewsfoldPipeline;
import dev.newsfold.schema.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Near-duplicate benchmark on real text with known copies. Pseudo-articles are regrouped CoNLL-2003 sentences
 * (eng.train, Reuters 1996); copies of them get page chrome, reordered or dropped paragraphs and word edits at known
 * rates. Runs the real {@link JoinStories} (on the DirectRunner, or the runner the pipeline options name) and prints
 * precision/recall of duplicate_of and throughput.
 *
 * <p>Usage: {@code NearDuplicateBenchmark CONLL_TRAIN_FILE ARTICLES [ARTICLES...] [--runner=FlinkRunner ...]} e.g.
 * {@code eng.train 10000 100000 --runner=FlinkRunner --parallelism=2}.
 */
public final class NearDuplicateBenchmark {
  private NearDuplicateBenchmark() {}

  static final long SEED = 20030531L;
  static final double COPY_SHARE = 0.4;
  static final double[] KEEP = {1.0, 0.9, 0.8, 0.6};
  static final double[] EDIT_RATE = {0.0, 0.02, 0.05, 0.10};
  static final String[] CHROME = {"Share this story", "Advertisement", "Sign up for our daily newsletter",
      "Read more:", "Most popular", "Follow us on Twitter", "Tags: news, world", "Comments (0)",
      "Copyright Reuters. All rights reserved.", "Click here to subscribe"};

  /** One generated article and what it is a copy of. */
  static final class Generated {
    final Article article;
    final String originalId; // itself for originals
    final double keep;
    final double editRate;

    Generated(Article article, String originalId, double keep, double editRate) {
      this.article = article;
      this.originalId = originalId;
      this.keep = keep;
      this.editRate = editRate;
    }
  }

  public static void main(String[] args) throws IOException {
    List<String> sentences = conllSentences(Paths.get(args[0]));
    List<Integer> sizes = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        options.add(args[i]);
      } else {
        sizes.add(Integer.parseInt(args[i]));
      }
    }
    for (int n : sizes) {
      List<Generated> corpus = generate(sentences, n, SEED);
      List<Article> articles = new ArrayList<>();
      corpus.forEach(g -> articles.add(g.article));
      EvalSupport.Run run = options.isEmpty() ? EvalSupport.run(articles, JoinStories.create())
          : EvalSupport.run(articles, JoinStories.create(),
              PipelineOptionsFactory.fromArgs(NewsfoldPipeline.withRunnerDefaults(options.toArray(new String[0])))
                  .withValidation().create());
      report(n, corpus, run, options.isEmpty() ? "DirectRunner" : String.join(" ", options));
    }
  }

  static void report(int n, List<Generated> corpus, EvalSupport.Run run, String runner) {
    Map<String, String> original = new HashMap<>();
    corpus.forEach(g -> original.put(g.article.getArticleId(), g.originalId));
    int flagged = 0;
    int flaggedRight = 0;
    for (Generated g : corpus) {
      String dup = run.byArticle.get(g.article.getArticleId())[1];
      if (!dup.isEmpty()) {
        flagged++;
        if (original.get(dup).equals(g.originalId)) {
          flaggedRight++;
        }
      }
    }
    System.out.printf("near-dup n=%d: %d copies generated, %.1f s, %.0f articles/s (%s, incl. startup)%n",
        n, corpus.stream().filter(g -> !g.originalId.equals(g.article.getArticleId())).count(), run.seconds,
        n / run.seconds, runner);
    System.out.printf("near-dup n=%d: duplicate_of precision %.4f (%d of %d flagged point into the right copy group)%n",
        n, flagged == 0 ? 1.0 : (double) flaggedRight / flagged, flaggedRight, flagged);
    // Recall: a copy is found when it and its original resolve to the same canonical article.
    for (double keep : KEEP) {
      for (double edit : EDIT_RATE) {
        int total = 0;
        int found = 0;
        for (Generated g : corpus) {
          if (g.originalId.equals(g.article.getArticleId()) || g.keep != keep || g.editRate != edit) {
            continue;
          }
          total++;
          if (canonical(run, g.article.getArticleId()).equals(canonical(run, g.originalId))) {
            found++;
          }
        }
        System.out.printf("near-dup n=%d: keep %.0f%% edits %2.0f%%: recall %.4f (%d/%d)%n", n, keep * 100,
            edit * 100, total == 0 ? 1.0 : (double) found / total, found, total);
      }
    }
    int total = 0;
    int found = 0;
    for (Generated g : corpus) {
      if (!g.originalId.equals(g.article.getArticleId()) && g.keep >= 0.8) {
        total++;
        if (canonical(run, g.article.getArticleId()).equals(canonical(run, g.originalId))) {
          found++;
        }
      }
    }
    System.out.printf("near-dup n=%d: recall over copies keeping >= 80%% of the text: %.4f (%d/%d)%n", n,
        (double) found / total, found, total);
  }

  static String canonical(EvalSupport.Run run, String id) {
    String dup = run.byArticle.get(id)[1];
    return dup.isEmpty() ? id : dup;
  }

  /** Sentences of eng.train (tokens re-joined), without document markers and short table rows. */
  static List<String> conllSentences(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int tokens = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        if (tokens >= 8 && !cur.toString().contains("-DOCSTART-")) {
          out.add(cur.toString());
        }
        cur.setLength(0);
        tokens = 0;
        continue;
      }
      String tok = line.split(" ")[0];
      if (cur.length() > 0 && !tok.matches("[.,;:!?')]+|'s|n't")) {
        cur.append(' ');
      }
      cur.append(tok);
      tokens++;
    }
    return out;
  }

  /** A deterministic corpus of n articles: originals plus copies of them (COPY_SHARE of n). */
  static List<Generated> generate(List<String> sentences, int n, long seed) {
    Random rnd = new Random(seed);
    int originals = (int) Math.round(n * (1 - COPY_SHARE));
    List<Generated> out = new ArrayList<>(n);
    List<List<String>> paragraphs = new ArrayList<>();
    for (int i = 0; i < originals; i++) {
      List<String> paras = new ArrayList<>();
      int count = 4 + rnd.nextInt(4);
      for (int p = 0; p < count; p++) {
        StringBuilder para = new StringBuilder();
        int sents = 1 + rnd.nextInt(3);
        for (int s = 0; s < sents; s++) {
          para.append(s > 0 ? " " : "").append(sentences.get(rnd.nextInt(sentences.size())));
        }
        paras.add(para.toString());
      }
      paragraphs.add(paras);
      String id = String.format("a%07d", rnd.nextInt(10_000_000)) + "-" + i;
      out.add(new Generated(EvalSupport.article(id, paras.get(0), String.join("\n\n", paras), "outlet" + (i % 50),
          null), id, 1.0, 0.0));
    }
    for (int c = 0; out.size() < n; c++) {
      int src = rnd.nextInt(originals);
      Generated orig = out.get(src);
      double keep = KEEP[rnd.nextInt(KEEP.length)];
      double edit = EDIT_RATE[rnd.nextInt(EDIT_RATE.length)];
      List<String> paras = new ArrayList<>(paragraphs.get(src));
      // Drop paragraphs (from anywhere) until about `keep` of the words remain.
      int words = 0;
      for (String p : paras) {
        words += p.split(" ").length;
      }
      int target = (int) Math.ceil(words * keep);
      while (paras.size() > 1) {
        int victim = rnd.nextInt(paras.size());
        int w = paras.get(victim).split(" ").length;
        if (words - w < target) {
          break;
        }
        words -= w;
        paras.remove(victim);
      }
      if (rnd.nextBoolean()) {
        Collections.shuffle(paras, rnd);
      }
      List<String> edited = new ArrayList<>();
      for (String p : paras) {
        edited.add(editWords(p, edit, sentences, rnd));
      }
      // Page chrome around the text: different on every copy.
      int top = rnd.nextInt(3);
      int bottom = 1 + rnd.nextInt(3);
      for (int t = 0; t < top; t++) {
        edited.add(0, CHROME[rnd.nextInt(CHROME.length)]);
      }
      for (int b = 0; b < bottom; b++) {
        edited.add(rnd.nextBoolean() ? CHROME[rnd.nextInt(CHROME.length)]
            : "Related: " + sentences.get(rnd.nextInt(sentences.size())));
      }
      String id = String.format("a%07d", rnd.nextInt(10_000_000)) + "-c" + c;
      out.add(new Generated(EvalSupport.article(id, orig.article.getTitle(), String.join("\n\n", edited),
          "outlet" + rnd.nextInt(50), null), orig.originalId, keep, edit));
    }
    return out;
  }

  /** Replaces, deletes or inserts words at the given rate (a third each). */
  static String editWords(String text, double rate, List<String> sentences, Random rnd) {
    if (rate == 0) {
      return text;
    }
    String[] words = text.split(" ");
    StringBuilder out = new StringBuilder();
    for (String w : words) {
      if (rnd.nextDouble() < rate) {
        int op = rnd.nextInt(3);
        String[] donor = sentences.get(rnd.nextInt(sentences.size())).split(" ");
        String other = donor[rnd.nextInt(donor.length)];
        if (op == 0) {
          w = other;
        } else if (op == 1) {
          continue;
        } else {
          w = w + " " + other;
        }
      }
      out.append(out.length() > 0 ? " " : "").append(w);
    }
    return out.toString();
  }
}
