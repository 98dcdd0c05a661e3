package dev.newsfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsfold.io.QueryTables;
import dev.newsfold.runners.Tables;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Reject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the real job on the seeds and on a mixed folder, read back with DuckDB and with Avro's reader. */
public class NewsfoldPipelineTest {

  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NewsfoldPipeline.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public static <T extends SpecificRecord> List<T> readAvro(Path tableDir, Class<T> type) throws Exception {
    List<T> rows = new ArrayList<>();
    try (var files = Files.list(tableDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<T> reader = new DataFileReader<>(new File(f.toString()), new SpecificDatumReader<>(type))) {
          reader.forEach(rows::add);
        }
      }
    }
    return rows;
  }

  @Test
  void seedsBecomeTwoCleanArticles() throws Exception {
    Path out = tmp.resolve("out");
    Run r = run("--input=seeds/*", "--output=" + out);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("articles"), r.out());
    try (Connection c = QueryTables.open(out); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*) FROM articles");
      rs.next();
      assertEquals(2, rs.getInt(1));
      rs = st.executeQuery("SELECT CAST(published_date AS VARCHAR), section, agency, dateline, text FROM articles"
          + " WHERE source_uri LIKE '%001_5997bcdb939cc27a.txt'");
      assertTrue(rs.next());
      assertEquals("2024-05-17", rs.getString(1));
      assertEquals("International", rs.getString(2));
      assertEquals("AP", rs.getString(3));
      assertEquals("Seoul", rs.getString(4));
      String text = rs.getString(5);
      assertTrue(text.startsWith("The influential sister of North Korean leader"), text);
      assertTrue(text.strip().endsWith("boost its leverage in future diplomacy with the United States."), text);
      rs = st.executeQuery("SELECT count(*) FROM rejects");
      rs.next();
      assertEquals(0, rs.getInt(1));
      // The AP copy and the paraphrase are one story, and both articles point at it.
      rs = st.executeQuery("SELECT story_id, article_count, outlet_count, len(top_entities) FROM stories");
      assertTrue(rs.next());
      String storyId = rs.getString(1);
      assertEquals(2, rs.getInt(2));
      assertTrue(rs.getInt(4) > 0);
      assertFalse(rs.next(), "seeds must form exactly one story");
      rs = st.executeQuery("SELECT count(*) FROM articles WHERE story_id = '" + storyId + "'");
      rs.next();
      assertEquals(2, rs.getInt(1));
      // Claims: Shin Wonsik's container figure is told by both articles, and the story counts its claims.
      rs = st.executeQuery("SELECT count(*) FROM claims WHERE speaker = 'Shin Wonsik' AND len(corroborating_articles) = 1"
          + " AND list_contains(list_transform(quantities, q -> q.unit), 'containers')");
      rs.next();
      assertTrue(rs.getInt(1) >= 2, "Shin's container claims corroborated across the two seeds");
      rs = st.executeQuery("SELECT (SELECT claim_count FROM stories), (SELECT count(*) FROM claims)");
      rs.next();
      assertTrue(rs.getInt(2) > 0);
      assertEquals(rs.getInt(2), rs.getInt(1));
    }
    List<Article> avro = readAvro(out.resolve("articles"), Article.class);
    assertEquals(2, avro.size());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(2, manifest.get("rows").get("articles").asInt());
    assertEquals(2, manifest.get("inputs").get("inputs_total").asInt());

    // Same input, same ids: a second run over the dataset needs --overwrite and gives the same rows.
    Run again = run("--input=seeds/*", "--output=" + out);
    assertEquals(2, again.code());
    assertTrue(again.err().contains("--overwrite"), again.err());
    assertEquals(1, again.err().strip().lines().count(), again.err());
    assertEquals(0, run("--input=seeds/*", "--output=" + out, "--overwrite").code());
    List<String> ids1 = avro.stream().map(Article::getArticleId).sorted().toList();
    List<String> ids2 = readAvro(out.resolve("articles"), Article.class).stream().map(Article::getArticleId).sorted()
        .toList();
    assertEquals(ids1, ids2);
  }

  @Test
  void withoutEntitiesAndClaimsTheArticlesAndStoriesAreTheSame() throws Exception {
    Path full = tmp.resolve("full");
    Path lean = tmp.resolve("lean");
    assertEquals(0, run("--input=seeds/*", "--output=" + full).code());
    Run r = run("--input=seeds/*", "--output=" + lean, "--entitiesAndClaims=false");
    assertEquals(0, r.code(), r.err());
    assertEquals(Tables.read(full).rows("articles"), Tables.read(lean).rows("articles"));
    String stories = "SELECT story_id, title, article_ids FROM stories ORDER BY story_id";
    assertEquals(queryRows(full, stories), queryRows(lean, stories));
    try (Connection c = QueryTables.open(lean); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM claims),"
          + " (SELECT claim_count FROM stories)");
      rs.next();
      assertEquals(0, rs.getInt(1));
      assertEquals(0, rs.getInt(2));
      assertEquals(0, rs.getInt(3));
    }
    JsonNode manifest = new ObjectMapper().readTree(lean.resolve("manifest.json").toFile());
    assertFalse(manifest.get("options").get("entitiesAndClaims").asBoolean());
  }

  private static List<String> queryRows(Path out, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = QueryTables.open(out); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", row));
      }
    }
    assertFalse(rows.isEmpty(), sql);
    return rows;
  }

  @Test
  void mixedFolderAccountsForEveryInput() throws Exception {
    Path in = tmp.resolve("in");
    Map<String, MixedCorpus.Expect> expect = MixedCorpus.write(in);
    Path out = tmp.resolve("out");
    Run r = run("--input=" + in + "/*", "--output=" + out, "--maxRecordBytes=" + MixedCorpus.MAX_RECORD_BYTES);
    assertEquals(0, r.code(), r.err());

    Map<String, int[]> byFile = new TreeMap<>();
    Map<String, List<String>> reasons = new HashMap<>();
    try (Connection c = QueryTables.open(out); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT source_uri FROM articles");
      while (rs.next()) {
        byFile.computeIfAbsent(file(rs.getString(1)), k -> new int[2])[0]++;
      }
      rs = st.executeQuery("SELECT source_uri, reason, stage, detail FROM rejects");
      while (rs.next()) {
        byFile.computeIfAbsent(file(rs.getString(1)), k -> new int[2])[1]++;
        reasons.computeIfAbsent(file(rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2));
        assertFalse(rs.getString(4) == null || rs.getString(4).isBlank(), "reject without detail");
      }
    }
    int articles = 0;
    int rejects = 0;
    for (var e : expect.entrySet()) {
      int[] got = byFile.getOrDefault(e.getKey(), new int[2]);
      assertEquals(e.getValue().articles(), got[0], "articles from " + e.getKey() + " rejects " + reasons);
      assertEquals(e.getValue().rejects(), got[1], "rejects from " + e.getKey() + " " + reasons.get(e.getKey()));
      if (e.getValue().rejectReason() != null) {
        assertTrue(reasons.get(e.getKey()).contains(e.getValue().rejectReason()), e.getKey() + " " + reasons);
      }
      articles += e.getValue().articles();
      rejects += e.getValue().rejects();
    }
    // Inputs = articles + rejects, in both formats and in the manifest.
    assertEquals(articles, readAvro(out.resolve("articles"), Article.class).size());
    assertEquals(rejects, readAvro(out.resolve("rejects"), Reject.class).size());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(articles + rejects, manifest.get("inputs").get("inputs_total").asInt());
    assertEquals(rejects, manifest.get("rows").get("rejects").asInt());

    // Shard counts change how work is grouped, never the rows: ids, stories, claims all stay the same.
    Path other = tmp.resolve("mixed-out-resharded");
    Run resharded = run("--input=" + in + "/*", "--output=" + other, "--maxRecordBytes=" + MixedCorpus.MAX_RECORD_BYTES,
        "--shuffleShards=3", "--outputShards=1", "--readBuckets=5");
    assertEquals(0, resharded.code(), resharded.err());
    Tables first = Tables.read(out);
    Tables second = Tables.read(other);
    assertEquals(first.names(), second.names());
    for (String table : first.names()) {
      assertEquals(first.rows(table), second.rows(table), table);
    }
  }

  @Test
  void runnerDefaultsAreAddedUnlessTheUserSetThem() {
    assertEquals(List.of("--runner=SparkRunner", "--storageLevel=DISK_ONLY"),
        List.of(NewsfoldPipeline.withRunnerDefaults(new String[] {"--runner=SparkRunner"})));
    assertEquals(List.of("--runner=SparkRunner", "--storageLevel=MEMORY_ONLY"),
        List.of(NewsfoldPipeline.withRunnerDefaults(new String[] {"--runner=SparkRunner", "--storageLevel=MEMORY_ONLY"})));
    // Flink streams groups (no --reIterableGroupByKeyResult): the joins read each group once (OnePassCoGroupByKey).
    assertEquals(List.of("--runner=org.apache.beam.runners.flink.FlinkRunner"),
        List.of(NewsfoldPipeline.withRunnerDefaults(
            new String[] {"--runner=org.apache.beam.runners.flink.FlinkRunner"})));
    assertEquals(List.of("--input=x"), List.of(NewsfoldPipeline.withRunnerDefaults(new String[] {"--input=x"})));
  }

  @Test
  void localSparkGetsOnePartitionPerInputShareAtLeastOnePerCore() {
    long mib = 1L << 20;
    assertEquals(2, NewsfoldPipeline.localSparkPartitions("local[2]", 40 * mib));
    assertEquals(38, NewsfoldPipeline.localSparkPartitions("local[2]", 1200 * mib));
    assertEquals(125, NewsfoldPipeline.localSparkPartitions("local[2,3]", 4000 * mib));
    assertEquals(1, NewsfoldPipeline.localSparkPartitions("local", 0));
    assertEquals(Runtime.getRuntime().availableProcessors(), NewsfoldPipeline.localSparkPartitions("local[*]", 1));
    assertEquals(0, NewsfoldPipeline.localSparkPartitions("spark://host:7077", 1200 * mib));
    assertEquals(0, NewsfoldPipeline.localSparkPartitions("yarn", 1200 * mib));
    assertEquals("local[4]", NewsfoldPipeline.sparkMaster(new String[] {"--runner=SparkRunner"}));
    assertEquals("yarn", NewsfoldPipeline.sparkMaster(new String[] {"--sparkMaster=local[2]", "--sparkMaster=yarn"}));
  }

  @Test
  void commandLineMistakesGetOneClearLine() {
    Run unknown = run("--inptu=seeds/*", "--output=" + tmp.resolve("o1"));
    assertEquals(2, unknown.code());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    assertTrue(unknown.err().startsWith("newsfold: "), unknown.err());

    Run missing = run("--input=" + tmp.resolve("nowhere") + "/*.txt", "--output=" + tmp.resolve("o2"));
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no input files match"), missing.err());
    assertEquals(1, missing.err().strip().lines().count());

    Run badNumber = run("--minWords=many", "--output=" + tmp.resolve("o3"));
    assertEquals(2, badNumber.code());
    assertEquals(1, badNumber.err().strip().lines().count(), badNumber.err());

    Run negative = run("--maxComponentArticles=-1", "--output=" + tmp.resolve("o4"));
    assertEquals(2, negative.code());
    assertEquals(1, negative.err().strip().lines().count(), negative.err());
    assertTrue(negative.err().contains("--maxComponentArticles"), negative.err());
    Run negativeLinks = run("--maxLinksPerArticle=-2", "--output=" + tmp.resolve("o5"));
    assertEquals(2, negativeLinks.code());
    assertTrue(negativeLinks.err().contains("--maxLinksPerArticle"), negativeLinks.err());

    Path file = tmp.resolve("a-file");
    Run badOutput = run("--output=" + file.resolve("sub"), "--input=seeds/*");
    assertEquals(0, badOutput.code(), "parent is created when missing: " + badOutput.err());
  }

  @Test
  void unwritableOutputIsOneLine() throws Exception {
    Path blocker = tmp.resolve("blocker");
    Files.writeString(blocker, "not a directory");
    Run r = run("--input=seeds/*", "--output=" + blocker.resolve("out"));
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("newsfold: cannot write"), r.err());
  }

  @Test
  void theJobThreadHasRoomForDeepRecursionAndAnErrorOnItIsAFailureNotAHang() throws InterruptedException {
    int depth = 1_000_000;
    Throwable[] onDefaultStack = {null};
    Thread plain = new Thread(() -> {
      try {
        deep(depth);
      } catch (StackOverflowError e) {
        onDefaultStack[0] = e;
      }
    });
    plain.start();
    plain.join();
    assertTrue(onDefaultStack[0] instanceof StackOverflowError, "a default stack should not hold this recursion");
    assertEquals(0, NewsfoldPipeline.onLargeStack(() -> deep(depth) == depth ? 0 : 3));
    assertEquals(1, NewsfoldPipeline.onLargeStack(() -> {
      throw new StackOverflowError("as a runner's translation would");
    }));
  }

  private static int deep(int n) {
    return n == 0 ? 0 : 1 + deep(n - 1);
  }

  static String file(String uri) {
    String path = uri.replaceFirst("#.*$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
