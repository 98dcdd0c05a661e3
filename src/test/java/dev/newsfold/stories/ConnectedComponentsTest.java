package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/** Components from large-star / small-star rounds equal those of a plain union-find. */
public class ConnectedComponentsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static String id(int i) {
    return String.format("n%04d", i);
  }

  /** Expected (node, smallest id of its component) by union-find. */
  static List<KV<String, String>> expected(List<KV<String, String>> edges) {
    Map<String, String> parent = new HashMap<>();
    java.util.function.UnaryOperator<String> find = new java.util.function.UnaryOperator<>() {
      @Override
      public String apply(String x) {
        while (!parent.get(x).equals(x)) {
          x = parent.get(x);
        }
        return x;
      }
    };
    for (KV<String, String> e : edges) {
      parent.putIfAbsent(e.getKey(), e.getKey());
      parent.putIfAbsent(e.getValue(), e.getValue());
      String a = find.apply(e.getKey());
      String b = find.apply(e.getValue());
      if (!a.equals(b)) {
        // smaller id as root, so the root is the component's smallest id
        if (a.compareTo(b) < 0) {
          parent.put(b, a);
        } else {
          parent.put(a, b);
        }
      }
    }
    List<KV<String, String>> out = new ArrayList<>();
    for (String n : new TreeMap<>(parent).keySet()) {
      out.add(KV.of(n, find.apply(n)));
    }
    return out;
  }

  @Test
  public void matchesUnionFindOnLongChainsStarsAndRandomEdges() {
    List<KV<String, String>> edges = new ArrayList<>();
    // A long path in scrambled id order (the hard case for label propagation), a star, and a random sparse graph.
    Random rnd = new Random(7);
    List<Integer> path = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      path.add(i);
    }
    java.util.Collections.shuffle(path, rnd);
    for (int i = 1; i < path.size(); i++) {
      edges.add(KV.of(id(path.get(i - 1)), id(path.get(i))));
    }
    for (int i = 401; i < 450; i++) {
      edges.add(KV.of(id(400), id(i)));
    }
    for (int i = 0; i < 400; i++) {
      edges.add(KV.of(id(500 + rnd.nextInt(600)), id(500 + rnd.nextInt(600))));
    }
    edges.add(KV.of(id(1200), id(1200))); // a self loop names a node of its own
    edges.add(KV.of(id(1300), id(1301)));
    edges.add(KV.of(id(1301), id(1300))); // both directions
    List<KV<String, String>> want = expected(edges);
    PCollection<KV<String, String>> got = p.apply(Create.of(edges).withCoder(ConnectedComponents.PAIR))
        .apply(new ConnectedComponents(6, 8));
    // The self-loop node has no other edge: it is not part of any component output, as JoinStories expects
    // (articles without edges are clusters of one).
    want.removeIf(kv -> kv.getKey().equals(id(1200)));
    PAssert.that(got).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }
}
