package dev.newsfold.entities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Speed of the whole entity step on real article bodies (one thread): sentence split, tokenise, POS, both tagging
 * passes and canonicalisation, as the job runs them (EntityRecognizer#entityRows). Default input: the article-extraction
 * benchmark's gold bodies (ground-truth.json under -Dnewsfold.data).
 *
 * <p>Usage: {@code EntityThroughput [ground-truth.json] [rounds]}
 */
public final class EntityThroughput {
  private EntityThroughput() {}

  public static void main(String[] args) throws Exception {
    String data = System.getProperty("newsfold.data", "../shared/data");
    Path file = args.length > 0 ? Path.of(args[0]) : Path.of(data, "article-extraction", "ground-truth.json");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    if (!Files.exists(file)) {
      System.out.println("EntityThroughput: " + file + " not found; nothing to measure");
      return;
    }
    List<String> bodies = new ArrayList<>();
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
      JsonNode page = it.next();
      if (page.hasNonNull("articleBody")) {
        bodies.add(page.get("articleBody").asText());
      }
    }
    long tokens = 0;
    for (String b : bodies) {
      tokens += NerTokenizer.tokenize(b).size();
    }
    long l0 = System.nanoTime();
    EntityRecognizer recognizer = EntityRecognizer.load();
    recognizer.find("Warm up in Paris.");
    System.out.printf(Locale.ROOT, "load %.2fs; %d articles, %d tokens%n", (System.nanoTime() - l0) / 1e9,
        bodies.size(), tokens);
    // CPU time of this thread as well as wall time: on a shared machine other jobs stretch the wall clock.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 1; r <= rounds; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long mentions = 0;
      long entities = 0;
      for (String b : bodies) {
        List<Mention> ms = recognizer.find(b);
        mentions += ms.size();
        entities += EntityCanonicalizer.canonicalize(ms, null, b.length()).size();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %.2fs, %.1f articles/s, %.0f tokens/s (CPU %.2fs: %.1f articles/s,"
          + " %.0f tokens/s), %d mentions, %d entities%n", r, s, bodies.size() / s, tokens / s, cpu,
          bodies.size() / cpu, tokens / cpu, mentions, entities);
    }
  }
}
