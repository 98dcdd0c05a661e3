package dev.newsfold.stories;

import dev.newsfold.schema.Article;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.spark.SparkContextOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Side-by-side near-duplicate detection on the {@link NearDuplicateBenchmark} corpus: newsfold's story stage
 * ({@link JoinStories} on the DirectRunner, which also clusters rewrites, so its time is an upper bound of its
 * copy detection) against Spark MLlib's {@code MinHashLSH.approxSimilarityJoin} on Spark {@code local[2]}, on the
 * same word 3-shingles and the same copy threshold (Jaccard 0.3). Both get {@code duplicate_of} scored by the same
 * rule: a copy is found when it and its original resolve to the same canonical article.
 *
 * <p>Usage: {@code MinHashLshComparison CONLL_TRAIN_FILE HASH_TABLES[,HASH_TABLES...] ARTICLES [ARTICLES...]}; times
 * are compared with the last table count.
 */
public final class MinHashLshComparison {
  private MinHashLshComparison() {}

  /** Jaccard distance below which MLlib pairs count: 1 - newsfold's default copy similarity 0.3. */
  static final double MAX_DISTANCE = 0.7;

  /** The DirectRunner keeps every grouped collection in memory: it is compared up to this size only. */
  static final int DIRECT_MAX = 20_000;

  /** Precision of duplicate_of, recall over copies keeping >= 80% of the text, recall over all copies, seconds. */
  record Score(double precision, double recall80, double recallAll, double seconds) {}

  public static void main(String[] args) throws IOException {
    List<String> sentences = NearDuplicateBenchmark.conllSentences(Paths.get(args[0]));
    int[] tableCounts = java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    int tables = tableCounts[tableCounts.length - 1];
    long t0 = System.nanoTime();
    SparkSession spark = session();
    System.out.printf("spark session start: %.1f s (not counted below)%n", (System.nanoTime() - t0) / 1e9);
    try {
      // Warm both sides up (JIT, Spark's code generation) on a small corpus, so neither pays it in the timings.
      List<NearDuplicateBenchmark.Generated> warm = NearDuplicateBenchmark.generate(sentences, 1000, 7L);
      newsfold(warm);
      newsfold(warm, spark);
      mllib(spark, warm, tables);
      System.out.println("| articles | side | seconds | articles/s | P | R (copies >= 80% kept) | R (all copies) "
          + "| time / MLlib |");
      for (int i = 2; i < args.length; i++) {
        int n = Integer.parseInt(args[i]);
        List<NearDuplicateBenchmark.Generated> corpus =
            NearDuplicateBenchmark.generate(sentences, n, NearDuplicateBenchmark.SEED);
        Score m = null;
        for (int t : tableCounts) {
          m = mllib(spark, corpus, t);
          row(n, "MLlib MinHashLSH, " + t + " tables, Spark local[2]", m, m);
        }
        row(n, "newsfold JoinStories, Spark runner local[2]", newsfold(corpus, spark), m);
        if (n <= DIRECT_MAX) {
          row(n, "newsfold JoinStories, DirectRunner", newsfold(corpus), m);
        }
      }
    } finally {
      spark.stop();
    }
  }

  static void row(int n, String side, Score s, Score mllib) {
    System.out.printf("| %d | %s | %.1f | %.0f | %.4f | %.4f | %.4f | %.2fx |%n", n, side, s.seconds, n / s.seconds,
        s.precision, s.recall80, s.recallAll, s.seconds / mllib.seconds);
  }

  static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("newsfold-minhash-comparison")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.host", "localhost")
        .getOrCreate();
  }

  static Score newsfold(List<NearDuplicateBenchmark.Generated> corpus) throws IOException {
    return newsfold(corpus, null);
  }

  /**
   * The real story stage on the DirectRunner, or on Beam's Spark runner inside {@code spark}'s context when it is
   * given (one SparkContext per JVM: the runner borrows MLlib's).
   */
  static Score newsfold(List<NearDuplicateBenchmark.Generated> corpus, SparkSession spark) throws IOException {
    List<Article> articles = new ArrayList<>();
    corpus.forEach(g -> articles.add(g.article));
    EvalSupport.Run run;
    if (spark == null) {
      run = EvalSupport.run(articles, JoinStories.create());
    } else {
      SparkContextOptions opts = PipelineOptionsFactory.as(SparkContextOptions.class);
      opts.setRunner(SparkRunner.class);
      opts.setUsesProvidedSparkContext(true);
      opts.setProvidedSparkContext(new JavaSparkContext(spark.sparkContext()));
      run = EvalSupport.run(articles, JoinStories.create(), opts);
    }
    return score(corpus, run);
  }

  /**
   * MLlib's recipe: word 3-grams (the same tokens as newsfold's MinHash), binary hashed term vectors, MinHashLSH
   * with OR-amplification over {@code tables} single-hash tables, then a self similarity join that checks the exact
   * Jaccard distance of every candidate pair. Copies are the connected pairs; the canonical article of a group is
   * its smallest id, newsfold's rule when no date is known.
   */
  static Score mllib(SparkSession spark, List<NearDuplicateBenchmark.Generated> corpus, int tables) {
    long t0 = System.nanoTime();
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("words", DataTypes.createArrayType(DataTypes.StringType), false);
    List<Row> rows = new ArrayList<>(corpus.size());
    for (NearDuplicateBenchmark.Generated g : corpus) {
      rows.add(RowFactory.create(g.article.getArticleId(),
          TextFeatures.words(g.article.getText()).toArray(new String[0])));
    }
    Dataset<Row> docs = spark.createDataFrame(rows, schema).repartition(8);
    Dataset<Row> shingles = new NGram().setN(3).setInputCol("words").setOutputCol("shingles").transform(docs)
        .filter(functions.size(functions.col("shingles")).gt(0)); // MinHashLSH rejects empty vectors
    Dataset<Row> features = new HashingTF().setInputCol("shingles").setOutputCol("features")
        .setNumFeatures(1 << 24).setBinary(true).transform(shingles).select("id", "features").cache();
    MinHashLSHModel model = new MinHashLSH().setNumHashTables(tables).setSeed(42L)
        .setInputCol("features").setOutputCol("hashes").fit(features);
    List<Row> pairs = model.approxSimilarityJoin(features, features, MAX_DISTANCE, "distance")
        .filter(functions.col("datasetA.id").lt(functions.col("datasetB.id")))
        .select(functions.col("datasetA.id"), functions.col("datasetB.id"))
        .collectAsList();
    features.unpersist();
    UnionFind groups = new UnionFind();
    for (Row r : pairs) {
      groups.union(r.getString(0), r.getString(1));
    }
    EvalSupport.Run run = new EvalSupport.Run();
    for (NearDuplicateBenchmark.Generated g : corpus) {
      String id = g.article.getArticleId();
      String root = groups.find(id);
      run.byArticle.put(id, new String[] {"", root.equals(id) ? "" : root});
    }
    run.seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("  MLlib: %d tables, %d pairs within distance %.2f%n", tables, pairs.size(), MAX_DISTANCE);
    return score(corpus, run);
  }

  static Score score(List<NearDuplicateBenchmark.Generated> corpus, EvalSupport.Run run) {
    Map<String, String> original = new HashMap<>();
    corpus.forEach(g -> original.put(g.article.getArticleId(), g.originalId));
    int flagged = 0;
    int right = 0;
    int copies = 0;
    int found = 0;
    int copies80 = 0;
    int found80 = 0;
    for (NearDuplicateBenchmark.Generated g : corpus) {
      String id = g.article.getArticleId();
      String dup = run.byArticle.get(id)[1];
      if (!dup.isEmpty()) {
        flagged++;
        right += original.get(dup).equals(g.originalId) ? 1 : 0;
      }
      if (!g.originalId.equals(id)) {
        boolean hit = NearDuplicateBenchmark.canonical(run, id).equals(NearDuplicateBenchmark.canonical(run, g.originalId));
        copies++;
        found += hit ? 1 : 0;
        if (g.keep >= 0.8) {
          copies80++;
          found80 += hit ? 1 : 0;
        }
      }
    }
    return new Score(flagged == 0 ? 1.0 : (double) right / flagged, (double) found80 / copies80,
        (double) found / copies, run.seconds);
  }

  /** Union-find whose root is always the smallest id of its group, so the canonical choice is order-free. */
  static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    String find(String x) {
      String p = parent.getOrDefault(x, x);
      if (p.equals(x)) {
        return x;
      }
      String root = find(p);
      parent.put(x, root);
      return root;
    }

    void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        if (ra.compareTo(rb) < 0) {
          parent.put(rb, ra);
        } else {
          parent.put(ra, rb);
        }
      }
    }
  }
}
