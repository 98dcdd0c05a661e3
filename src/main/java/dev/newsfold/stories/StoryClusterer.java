package dev.newsfold.stories;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns verified edges into copy groups and stories.
 *
 * <p>Copies: union-find over copy edges; the canonical article of a group is the earliest published (unknown dates
 * last), then the smallest id; every other member gets {@code duplicate_of} = canonical.
 *
 * <p>Stories: start from the copy groups and merge along story edges, strongest first, with a guard against
 * chaining: two clusters merge only when the edges between them number at least {@code minLinkFraction} of the
 * smaller cluster's size. A single bridging article (linked to two stories that share a country name, say) can then
 * join one story but cannot weld the two together. Passes repeat until nothing merges, so the result depends only on
 * the edge set, never on arrival order.
 */
public final class StoryClusterer implements Serializable {
  private final double minLinkFraction;
  private final double sizeExponent;

  public StoryClusterer(double minLinkFraction) {
    this(minLinkFraction, 0.5);
  }

  /**
   * Clusters A and B merge when the summed score of the edges between them reaches
   * {@code minLinkFraction * (|A| * |B|) ^ sizeExponent}: exponent 0.5 is between single linkage (0) and average
   * linkage (1).
   */
  public StoryClusterer(double minLinkFraction, double sizeExponent) {
    this.minLinkFraction = minLinkFraction;
    this.sizeExponent = sizeExponent;
  }

  /** Where one article ended up. */
  public static final class Assignment {
    public final String storyId;
    public final String duplicateOf;

    Assignment(String storyId, String duplicateOf) {
      this.storyId = storyId;
      this.duplicateOf = duplicateOf;
    }

    @Override
    public String toString() {
      return storyId + (duplicateOf == null ? "" : " dup of " + duplicateOf);
    }
  }

  public static String storyId(String smallestMemberId) {
    return "s-" + smallestMemberId;
  }

  /** Assignments for every article named in {@code edges}; articles without edges are stories of one. */
  public Map<String, Assignment> cluster(Iterable<Edge> edgeInput) {
    return cluster(edgeInput, java.util.Collections.emptyMap(), null);
  }

  /**
   * Assignments for every article named in {@code edges} or {@code features}; then, when {@code merger} is given,
   * whole clusters are merged on their centroids (built from {@code features}).
   */
  public Map<String, Assignment> cluster(Iterable<Edge> edgeInput, Map<String, StoryFeatures> features,
      CentroidMerger merger) {
    List<Edge> edges = new ArrayList<>();
    for (Edge e : edgeInput) {
      if (!e.a.equals(e.b)) {
        edges.add(e);
      }
    }
    Collections.sort(edges);
    TreeMap<String, Integer> dates = new TreeMap<>();
    for (Edge e : edges) {
      dates.put(e.a, e.dateA);
      dates.put(e.b, e.dateB);
    }
    for (StoryFeatures f : features.values()) {
      dates.putIfAbsent(f.articleId, f.date);
    }
    List<String> ids = new ArrayList<>(dates.keySet()); // sorted
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    int n = ids.size();
    int[] copyParent = identity(n);
    for (Edge e : edges) {
      if (e.type == Edge.COPY) {
        union(copyParent, index.get(e.a), index.get(e.b));
      }
    }
    // Canonical of each copy group.
    int[] canonical = new int[n];
    java.util.Arrays.fill(canonical, -1);
    for (int i = 0; i < n; i++) {
      int r = find(copyParent, i);
      if (canonical[r] < 0 || earlier(dates.get(ids.get(i)), i, dates.get(ids.get(canonical[r])), canonical[r])) {
        canonical[r] = i;
      }
    }

    // Story merging over copy groups.
    int[] parent = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = find(copyParent, i);
    }
    for (int i = 0; i < n; i++) {
      size[parent[i]]++;
    }
    Map<Integer, Map<Integer, Double>> links = new HashMap<>();
    List<int[]> storyEdges = new ArrayList<>();
    for (Edge e : edges) {
      if (e.type != Edge.STORY) {
        continue;
      }
      int x = parent[index.get(e.a)];
      int y = parent[index.get(e.b)];
      if (x == y) {
        continue;
      }
      links.computeIfAbsent(x, k -> new HashMap<>()).merge(y, e.score, Double::sum);
      links.computeIfAbsent(y, k -> new HashMap<>()).merge(x, e.score, Double::sum);
      storyEdges.add(new int[] {index.get(e.a), index.get(e.b)});
    }
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int[] se : storyEdges) {
        int x = find(parent, se[0]);
        int y = find(parent, se[1]);
        if (x == y) {
          continue;
        }
        double between = links.get(x).getOrDefault(y, 0.0);
        if (between < minLinkFraction * Math.pow((double) size[x] * size[y], sizeExponent)) {
          continue;
        }
        // Union by size; the surviving root inherits the other's links.
        int keep = size[x] >= size[y] ? x : y;
        int gone = keep == x ? y : x;
        parent[gone] = keep;
        size[keep] += size[gone];
        Map<Integer, Double> keepLinks = links.get(keep);
        keepLinks.remove(gone);
        for (Map.Entry<Integer, Double> l : links.remove(gone).entrySet()) {
          int other = l.getKey();
          if (other == keep) {
            continue;
          }
          keepLinks.merge(other, l.getValue(), Double::sum);
          Map<Integer, Double> otherLinks = links.get(other);
          otherLinks.remove(gone);
          otherLinks.merge(keep, l.getValue(), Double::sum);
        }
        merged = true;
      }
    }

    if (merger != null) {
      Map<Integer, Integer> clusterIndex = new TreeMap<>();
      List<List<String>> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int r = find(parent, i);
        Integer k = clusterIndex.get(r);
        if (k == null) {
          k = members.size();
          clusterIndex.put(r, k);
          members.add(new ArrayList<>());
        }
        members.get(k).add(ids.get(i));
      }
      int[] mergedInto = merger.merge(members, features);
      int[] rootOfCluster = new int[members.size()];
      for (Map.Entry<Integer, Integer> e : clusterIndex.entrySet()) {
        rootOfCluster[e.getValue()] = e.getKey();
      }
      for (int k = 0; k < members.size(); k++) {
        int from = rootOfCluster[k];
        int to = rootOfCluster[mergedInto[k]];
        if (from != to) {
          parent[find(parent, from)] = find(parent, to);
        }
      }
    }

    // Story id = smallest member id; ids are sorted, so the first index seen per root is the smallest.
    String[] rootId = new String[n];
    Map<String, Assignment> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (rootId[r] == null) {
        rootId[r] = storyId(ids.get(i));
      }
      int c = canonical[find(copyParent, i)];
      out.put(ids.get(i), new Assignment(rootId[r], c == i ? null : ids.get(c)));
    }
    return out;
  }

  private static boolean earlier(int dateA, int idxA, int dateB, int idxB) {
    boolean hasA = dateA != StoryFeatures.NO_DATE;
    boolean hasB = dateB != StoryFeatures.NO_DATE;
    if (hasA != hasB) {
      return hasA;
    }
    if (hasA && dateA != dateB) {
      return dateA < dateB;
    }
    return idxA < idxB; // ids are indexed in sorted order
  }

  private static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  static int find(int[] p, int x) {
    while (p[x] != x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  private static void union(int[] p, int x, int y) {
    int rx = find(p, x);
    int ry = find(p, y);
    if (rx != ry) {
      // smaller index as root keeps the structure deterministic
      if (rx < ry) {
        p[ry] = rx;
      } else {
        p[rx] = ry;
      }
    }
  }
}
