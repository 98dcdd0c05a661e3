package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns verified pairs into copies and stories (pure, no Beam). Nodes are "sortKey" strings that order articles by
 * publication (date first, then id), so the smallest node of a group is its canonical article.
 *
 * <p>Copies: connected components of copy edges; each member's {@code duplicate_of} is the component's smallest node.
 * Stories: components of copy and rewrite edges, merged strongest edge first; a merge that would make a story larger
 * than {@code maxStory} is refused, and a weak rewrite edge (below the strong score) may attach a lone article but never
 * bridge two stories: the guard against chaining. Refusals are counted.
 */
public final class StoryClusters {

  /** An edge between two nodes; copy edges join copies, the others join rewrites of one story. */
  public record Edge(String a, String b, boolean copy, double score) {}

  /** Result per node: its story's smallest node and, for copies, the canonical node. */
  public record Assignment(String storyRoot, String canonical) {}

  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, Integer> size = new HashMap<>();
  private int refused;

  private String find(String x) {
    String p = parent.getOrDefault(x, x);
    if (p.equals(x)) {
      return x;
    }
    String root = find(p);
    parent.put(x, root);
    return root;
  }

  /** Union keeping the smaller node as root, so roots are canonical and deterministic. */
  private boolean union(String a, String b, int maxSize) {
    String ra = find(a);
    String rb = find(b);
    if (ra.equals(rb)) {
      return true;
    }
    int sa = size.getOrDefault(ra, 1);
    int sb = size.getOrDefault(rb, 1);
    if (sa + sb > maxSize) {
      return false;
    }
    String root = ra.compareTo(rb) < 0 ? ra : rb;
    String child = root.equals(ra) ? rb : ra;
    parent.put(child, root);
    size.put(root, sa + sb);
    return true;
  }

  public int refusedMerges() {
    return refused;
  }

  private double strongScore = Double.MAX_VALUE;

  /** Rewrite edges at or above this score may merge two stories; weaker ones only attach a lone article. */
  public StoryClusters withStrongScore(double score) {
    this.strongScore = score;
    return this;
  }

  public Map<String, Assignment> cluster(List<Edge> edges, int maxStory) {
    List<Edge> sorted = new ArrayList<>(edges);
    // Deterministic order: strongest first, ties by node names.
    sorted.sort(Comparator.comparingDouble((Edge e) -> -e.score()).thenComparing(Edge::a).thenComparing(Edge::b));
    StoryClusters copies = new StoryClusters();
    for (Edge e : sorted) {
      if (e.copy()) {
        copies.union(e.a(), e.b(), Integer.MAX_VALUE);
      }
    }
    // Copy groups enter the story merge whole.
    for (Edge e : sorted) {
      if (e.copy()) {
        union(e.a(), e.b(), Integer.MAX_VALUE);
      }
    }
    for (Edge e : sorted) {
      if (e.copy()) {
        continue;
      }
      // Strong edges merge stories; a weak edge may only attach a lone article, never bridge two stories.
      boolean strong = e.score() >= strongScore;
      String ra = find(e.a());
      String rb = find(e.b());
      boolean lone = size.getOrDefault(ra, 1) == 1 || size.getOrDefault(rb, 1) == 1;
      if ((!strong && !lone) || !union(e.a(), e.b(), maxStory)) {
        refused++;
      }
    }
    Map<String, Assignment> out = new HashMap<>();
    for (Edge e : sorted) {
      for (String node : new String[] {e.a(), e.b()}) {
        if (!out.containsKey(node)) {
          String canonical = copies.find(node);
          out.put(node, new Assignment(find(node), canonical.equals(node) ? null : canonical));
        }
      }
    }
    return out;
  }
}
