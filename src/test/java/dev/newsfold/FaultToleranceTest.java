package dev.newsfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsfold.io.QueryTables;
import dev.newsfold.schema.internal.RawDocument;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken inputs, killed runs, failed bundles and re-runs: nothing lost, nothing half-written, same answer. */
class FaultToleranceTest {

  @TempDir
  Path tmp;

  static NewsfoldPipelineTest.Run run(PTransform<? super PCollection<RawDocument>, PCollection<RawDocument>> faults,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NewsfoldPipeline.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), faults);
    return new NewsfoldPipelineTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every table's rows, sorted, as text: equal strings mean identical tables. */
  static Map<String, List<String>> tables(Path out) throws Exception {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection c = QueryTables.open(out); var st = c.createStatement()) {
      for (String table : NewsfoldPipeline.TABLES) {
        if (!Files.isDirectory(out.resolve(table))) {
          continue;
        }
        List<String> rows = new ArrayList<>();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table);
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(rs.getString(i)).append('\u0001');
          }
          rows.add(row.toString());
        }
        Collections.sort(rows);
        tables.put(table, rows);
      }
    }
    return tables;
  }

  @Test
  void fuzzCorpusLosesNothing() throws Exception {
    Path in = tmp.resolve("fuzz");
    Map<String, FuzzCorpus.Expect> expect = FuzzCorpus.write(in, 100, 42);
    Path out = tmp.resolve("out");
    NewsfoldPipelineTest.Run r = run(null, "--input=" + in + "/*", "--output=" + out);
    assertEquals(0, r.code(), r.err());

    Map<String, Integer> articles = new HashMap<>();
    Map<String, List<String>> rejects = new HashMap<>();
    int reportsFound = 0;
    try (Connection c = QueryTables.open(out); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT source_uri, text FROM articles");
      while (rs.next()) {
        articles.merge(NewsfoldPipelineTest.file(rs.getString(1)), 1, Integer::sum);
        reportsFound += rs.getString(2).contains("This is report ") ? 1 : 0;
      }
      rs = st.executeQuery("SELECT source_uri, reason FROM rejects");
      while (rs.next()) {
        rejects.computeIfAbsent(NewsfoldPipelineTest.file(rs.getString(1)), k -> new ArrayList<>())
            .add(rs.getString(2));
      }
    }
    int expectedArticles = 0;
    int expectedRejects = 0;
    Map<String, Integer> kinds = new TreeMap<>();
    for (var e : expect.entrySet()) {
      String file = e.getKey();
      FuzzCorpus.Expect x = e.getValue();
      kinds.merge(x.kind(), 1, Integer::sum);
      if (x.kind().equals("directory") && !rejects.containsKey(file)) {
        continue; // a file system that does not list directories in a glob gives no input to account for
      }
      assertEquals(x.articles(), articles.getOrDefault(file, 0), () -> file + " (" + x.kind() + ") rejects "
          + rejects.get(file));
      List<String> got = new ArrayList<>(rejects.getOrDefault(file, List.of()));
      List<String> want = new ArrayList<>(x.rejects());
      Collections.sort(got);
      Collections.sort(want);
      assertEquals(want, got, () -> file + " (" + x.kind() + ")");
      expectedArticles += x.articles();
      expectedRejects += x.rejects().size();
    }
    assertEquals(expectedArticles, reportsFound, "every good article is in articles, with its body");
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(expectedArticles + expectedRejects, manifest.get("inputs").get("inputs_total").asInt());
    assertTrue(expect.size() >= 1800, "thousands of inputs: " + expect.size());
    System.out.printf("fuzz: %d files of %d kinds → %d articles + %d rejects, none lost%n", expect.size(),
        kinds.size(), expectedArticles, expectedRejects);
  }

  @Test
  void rerunGivesIdenticalRows() throws Exception {
    Path in = tmp.resolve("mixed");
    MixedCorpus.write(in);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    String cap = "--maxRecordBytes=" + MixedCorpus.MAX_RECORD_BYTES;
    assertEquals(0, run(null, "--input=" + in + "/*", "--output=" + a, cap).code());
    assertEquals(0, run(null, "--input=" + in + "/*", "--output=" + b, cap).code());
    assertEquals(tables(a), tables(b));
  }

  /** Fails the first bundle that holds any document: a worker dying mid-run. */
  static class FailingBundle extends DoFn<RawDocument, RawDocument> {
    @ProcessElement
    public void process(@Element RawDocument doc) {
      throw new IllegalStateException("injected worker failure");
    }
  }

  @Test
  void failedRunLeavesThePreviousDatasetAndARetryGivesTheSameRows() throws Exception {
    Path in = tmp.resolve("mixed");
    MixedCorpus.write(in);
    Path out = tmp.resolve("out");
    String cap = "--maxRecordBytes=" + MixedCorpus.MAX_RECORD_BYTES;
    assertEquals(0, run(null, "--input=seeds/*", "--output=" + out).code());
    Map<String, List<String>> before = tables(out);
    String manifest = Files.readString(out.resolve("manifest.json"));

    NewsfoldPipelineTest.Run failed = run(ParDo.of(new FailingBundle()), "--input=" + in + "/*", "--output=" + out,
        "--overwrite", cap);
    assertEquals(1, failed.code());
    assertTrue(failed.err().contains("injected worker failure"), failed.err());
    assertEquals(1, failed.err().strip().lines().count(), failed.err());
    assertEquals(before, tables(out), "previous dataset untouched");
    assertEquals(manifest, Files.readString(out.resolve("manifest.json")));
    assertFalse(Files.exists(tmp.resolve(".out.staging")), "staging cleared");

    assertEquals(0, run(null, "--input=" + in + "/*", "--output=" + out, "--overwrite", cap).code());
    Path clean = tmp.resolve("clean");
    assertEquals(0, run(null, "--input=" + in + "/*", "--output=" + clean, cap).code());
    assertEquals(tables(clean), tables(out));
  }

  @Test
  void killedRunLeavesThePreviousDatasetIntact() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, run(null, "--input=seeds/*", "--output=" + out).code());
    Map<String, List<String>> before = tables(out);
    List<String> filesBefore;
    try (var files = Files.walk(out)) {
      filesBefore = files.map(Path::toString).sorted().toList();
    }
    Path in = tmp.resolve("big");
    FuzzCorpus.write(in, 150, 7);

    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        "dev.newsfold.NewsfoldPipeline", "--input=" + in + "/*", "--output=" + out, "--overwrite")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path staging = tmp.resolve(".out.staging");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    // Kill once the run has begun writing into its staging directory.
    while (System.nanoTime() < deadline && p.isAlive() && !hasFiles(staging)) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "run finished before it could be killed: " + Files.readString(tmp.resolve("killed.log")));
    p.destroyForcibly().waitFor();

    try (var files = Files.walk(out)) {
      assertEquals(filesBefore, files.map(Path::toString).sorted().toList(), "no partial tables in the output");
    }
    assertEquals(before, tables(out));
    // The next run clears the stale staging directory and publishes normally.
    assertEquals(0, run(null, "--input=seeds/*", "--output=" + out, "--overwrite").code());
    assertFalse(Files.exists(staging));
  }

  private static boolean hasFiles(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.walk(dir)) {
      return files.anyMatch(Files::isRegularFile);
    }
  }
}
