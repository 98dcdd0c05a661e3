package dev.newsfold.stories;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Keeps the MLlib comparison harness honest: on a small corpus both sides must find the planted copies. */
class MinHashLshComparisonTest {

  @Test
  void bothSidesFindThePlantedCopies() throws Exception {
    Path conll = Paths.get(System.getProperty("newsfold.data", "../shared/data"), "conll2003", "eng.train");
    assumeTrue(Files.isRegularFile(conll), "labelled data not found: " + conll);
    List<NearDuplicateBenchmark.Generated> corpus =
        NearDuplicateBenchmark.generate(NearDuplicateBenchmark.conllSentences(conll), 300, 11L);
    SparkSession spark = MinHashLshComparison.session();
    try {
      MinHashLshComparison.Score newsfold = MinHashLshComparison.newsfold(corpus, spark);
      MinHashLshComparison.Score mllib = MinHashLshComparison.mllib(spark, corpus, 10);
      assertTrue(newsfold.recall80() > 0.9 && newsfold.precision() > 0.9, "newsfold " + newsfold);
      assertTrue(mllib.recall80() > 0.9 && mllib.precision() > 0.9, "MLlib " + mllib);
    } finally {
      spark.stop();
    }
  }

  @Test
  void unionFindRootIsTheSmallestId() {
    MinHashLshComparison.UnionFind u = new MinHashLshComparison.UnionFind();
    u.union("c", "b");
    u.union("d", "a");
    u.union("b", "d");
    assertTrue(u.find("c").equals("a") && u.find("e").equals("e"));
  }
}
