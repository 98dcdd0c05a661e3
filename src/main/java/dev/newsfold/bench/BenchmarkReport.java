package dev.newsfold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsfold.StageClock;
import dev.newsfold.io.QueryTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a benchmark run's figures: articles/s end to end and per stage, peak memory, output bytes per table, and the
 * story quality against the generator's own stories (B-cubed), read from the run's manifest and tables.
 *
 * <p>Usage: {@code BenchmarkReport <outputDir> [gnu-time-file] [cores]}
 */
public final class BenchmarkReport {

  private static final Pattern GENERATED = Pattern.compile("/s(\\d+)-\\d+(?:\\.[a-z]+)?(?:$|#)");

  private BenchmarkReport() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    double wall = m.get("wall_seconds").asDouble();
    long articles = m.get("rows").path("articles").asLong();
    long inputs = m.get("inputs").get("inputs_total").asLong();
    System.out.printf("runner %s: %d inputs -> %d articles in %.1f s = %.1f articles/s end to end%n",
        m.get("runner").asText(), inputs, articles, wall, articles / wall);
    JsonNode stages = m.get("stage_counters");
    // Busy is wall time in the stage (it includes waiting for a core when more chains run than there are cores);
    // CPU is the stage threads' own CPU time, what the stage costs.
    System.out.println("per stage (summed over workers; articles per busy second, per CPU second):");
    for (String stage : StageClock.STAGES) {
      JsonNode busy = stages.get(stage + "/busy_micros");
      if (busy != null && busy.asLong() > 0) {
        double seconds = busy.asLong() / 1e6;
        JsonNode cpuNode = stages.get(stage + "/cpu_micros");
        double cpu = cpuNode == null ? 0 : cpuNode.asLong() / 1e6;
        System.out.printf("  %-13s %8.1f s busy %9.1f articles/s  %8.1f s CPU %9.1f articles/s%n", stage, seconds,
            articles / seconds, cpu, cpu > 0 ? articles / cpu : 0);
      }
    }
    if (args.length > 1 && Files.exists(Path.of(args[1]))) {
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        if (line.contains("Maximum resident set size")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          System.out.printf("peak RSS: %d MB%n", kb / 1024);
        }
      }
    }
    System.out.println("output bytes per table:");
    try (var dirs = Files.list(out)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        System.out.printf("  %-9s parquet %10d  avro %10d%n", dir.getFileName(), bytes(dir, ".parquet"),
            bytes(dir, ".avro"));
      }
    }
    if (Files.isDirectory(out.resolve("stories"))) {
      storyQuality(out);
    }
  }

  static long bytes(Path dir, String suffix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** B-cubed of story_id against the generator's stories (s<story>-<k> in each page's name or URL). */
  static void storyQuality(Path out) throws Exception {
    Map<String, List<String>> byPred = new HashMap<>();
    Map<String, List<String>> byGold = new HashMap<>();
    Map<String, String[]> items = new HashMap<>();
    try (Connection c = QueryTables.open(out); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT article_id, story_id, coalesce(url, '') || ' ' || source_uri FROM articles");
      while (rs.next()) {
        Matcher g = GENERATED.matcher(rs.getString(3));
        if (!g.find()) {
          continue;
        }
        String id = rs.getString(1);
        items.put(id, new String[] {rs.getString(2), g.group(1)});
        byPred.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(id);
        byGold.computeIfAbsent(g.group(1), k -> new ArrayList<>()).add(id);
      }
    }
    double p = 0;
    double r = 0;
    for (var e : items.entrySet()) {
      List<String> pred = byPred.get(e.getValue()[0]);
      List<String> gold = byGold.get(e.getValue()[1]);
      long both = pred.stream().filter(x -> items.get(x)[1].equals(e.getValue()[1])).count();
      p += (double) both / pred.size();
      r += (double) both / gold.size();
    }
    p /= items.size();
    r /= items.size();
    System.out.printf("stories vs generated stories (B-cubed): P %.3f R %.3f F1 %.3f over %d articles%n", p, r,
        2 * p * r / (p + r), items.size());
  }
}
