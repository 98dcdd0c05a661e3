package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordClustersTest {
  @Test
  void wordsInTheSameContextsShareLongerPathPrefixes() {
    List<String[]> corpus = new ArrayList<>();
    String[] cities = {"Paris", "Berlin", "Rome", "Madrid", "Oslo", "Vienna"};
    String[] verbs = {"runs", "walks", "sleeps", "eats", "reads", "swims"};
    for (int r = 0; r < 5; r++) {
      for (String c : cities) {
        corpus.add(new String[] {"flew", "to", c, "yesterday"});
        corpus.add(new String[] {"in", c, "today"});
      }
      for (String v : verbs) {
        corpus.add(new String[] {"she", v, "quickly"});
        corpus.add(new String[] {"he", v, "slowly"});
      }
    }
    Map<String, String> c = WordClusters.cluster(corpus);
    assertNotEquals(c.get("Paris"), c.get("runs"));
    assertEquals(c, WordClusters.cluster(corpus), "deterministic");
    for (String city : cities) {
      for (String verb : verbs) {
        assertTrue(common(c.get(city), c.get("Paris")) > common(c.get(city), c.get(verb)), c.toString());
        assertTrue(common(c.get(verb), c.get("runs")) > common(c.get(verb), c.get(city)), c.toString());
      }
    }
  }

  private static int common(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.equals(b) ? Integer.MAX_VALUE : i;
  }
}
