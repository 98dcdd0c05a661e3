package dev.newsfold.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job (NewsfoldPipeline.run, as a user starts it) on the DirectRunner, an embedded Flink mini-cluster and
 * Spark local[2]: every table must hold the same rows on all three, compared order-independently both as Avro records
 * and as Parquet rows read back with DuckDB, and the manifest's row counts (from runner metrics) must match the files.
 */
public class CrossRunnerTest {

  @TempDir
  static Path tmp;

  @BeforeAll
  static void quietSpark() {
    RunnerHarness.configureSparkLocal();
  }

  @Test
  void seedsGiveTheSameTablesOnEveryRunner() throws Exception {
    Map<String, Tables> byRunner = runAll("seeds", "seeds/*", List.of());
    Tables direct = byRunner.get("direct");
    assertEquals(2, direct.rows("articles").size(), direct.rows("articles").toString());
    assertSame(byRunner);
  }

  @Test
  void mixedCorpusGivesTheSameTablesOnEveryRunner() throws Exception {
    Path in = tmp.resolve("corpus");
    RunnerCorpus.Summary corpus = RunnerCorpus.write(in, 250, Path.of("seeds"));
    // Components of more than 2 articles are clustered in rounds (GuardedRounds), smaller ones on one worker, so
    // both paths of the story stage are compared across runners.
    Map<String, Tables> byRunner = runAll("corpus", in + "/*/*", List.of("--maxComponentArticles=2"));
    Tables direct = byRunner.get("direct");
    // The corpus is what it claims to be: every generated page an article, every bad file a reject.
    assertEquals(corpus.articles(), direct.rows("articles").size());
    assertEquals(corpus.rejects(), direct.rows("rejects").size());
    assertSame(byRunner);
  }

  private static Map<String, Tables> runAll(String name, String input, List<String> options) throws Exception {
    Map<String, Tables> out = new LinkedHashMap<>();
    for (var runner : RunnerHarness.RUNNERS.entrySet()) {
      Path output = tmp.resolve(name + "-" + runner.getKey());
      List<String> args = new ArrayList<>(runner.getValue());
      args.addAll(options);
      if (runner.getKey().equals("direct")) {
        // The DirectRunner is the reference here, not under test: its per-element immutability check (exercised by
        // every TestPipeline test) costs 60% of its time on this corpus and changes no output.
        args.add("--enforceImmutability=false");
      }
      RunnerHarness.Result r = RunnerHarness.run(input, output, args);
      assertEquals(0, r.code(), runner.getKey() + ": " + r.err());
      Tables tables = Tables.read(output);
      JsonNode manifest = new ObjectMapper().readTree(output.resolve("manifest.json").toFile());
      // Metrics reach the manifest on every runner (Flink and Spark only report attempted values).
      for (var table : manifest.get("rows").properties()) {
        assertEquals(tables.rows(table.getKey()).size(), table.getValue().asInt(),
            runner.getKey() + " manifest count of " + table.getKey());
      }
      assertTrue(Files.exists(output.resolve("manifest.json")));
      // The story stage's progress clocks count every article on every runner.
      JsonNode counters = manifest.get("stage_counters");
      int articles = manifest.get("rows").path("articles").asInt();
      assertEquals(articles, counters.path("story_keys/elements").asInt(), runner.getKey() + " articles keyed");
      assertEquals(articles, counters.path("story_assign/elements").asInt(), runner.getKey() + " articles assigned");
      assertTrue(counters.path("story_compare/elements").asInt() > 0, runner.getKey() + " block members compared");
      if (!options.isEmpty()) {
        // Copy pairs too close to the threshold for their estimate reach the exact check (its Bloom filter and
        // joins run on every runner: a filter as one 1 MB record once failed Flink's sort buffers).
        assertTrue(counters.path("stories/exactCopyChecks").asInt() > 0, runner.getKey() + ": no exact copy check");
        assertTrue(counters.path("stories/largeComponents").asInt() > 0,
            runner.getKey() + ": no component went to the rounds");
      }
      out.put(runner.getKey(), tables);
    }
    return out;
  }

  private static void assertSame(Map<String, Tables> byRunner) {
    Tables direct = byRunner.get("direct");
    assertTrue(direct.names().contains("articles") && direct.names().contains("rejects"), direct.names().toString());
    for (var e : byRunner.entrySet()) {
      Tables other = e.getValue();
      assertEquals(direct.names(), other.names(), e.getKey() + " tables");
      for (String table : direct.names()) {
        List<String> expected = direct.rows(table);
        assertEquals(expected, other.rows(table), e.getKey() + " Avro rows of " + table);
        assertEquals(direct.parquetRows(table), other.parquetRows(table), e.getKey() + " Parquet rows of " + table);
        assertEquals(expected.size(), other.parquetRows(table).size(), e.getKey() + " Avro vs Parquet " + table);
      }
    }
  }
}
