package dev.newsfold.stories;

import java.io.Serializable;
import java.util.ArrayList;
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
    return cluster(edgeInput, Map.of(), null);
  }

  /**
   * Assignments for every article named in {@code edges} or {@code features}; then, when {@code merger} is given,
   * whole clusters are merged on their centroids (built from {@code features}). An edge may arrive more than once
   * (a pair verified in several shards); order does not matter.
   */
  public Map<String, Assignment> cluster(Iterable<Edge> edgeInput, Map<String, StoryFeatures> features,
      CentroidMerger merger) {
    return cluster(EdgeTable.of(edgeInput, features), features, merger);
  }

  /** Like {@link #cluster(Iterable, Map, CentroidMerger)} on edges already gathered into a table. */
  Map<String, Assignment> cluster(EdgeTable table, Map<String, StoryFeatures> features, CentroidMerger merger) {
    List<String> ids = java.util.Arrays.asList(table.ids); // sorted
    int[] dates = table.dates;
    int n = ids.size();
    // The largest component of a corpus can hold millions of edges: they are primitive arrays (EdgeTable) and the
    // links between clusters primitive maps (as objects, with boxed link maps, they took ~0.4 KB an edge).
    int m = table.size;
    int[] ea = table.a;
    int[] eb = table.b;
    boolean[] copy = table.copy;
    double[] es = table.score;
    int[] copyParent = identity(n);
    for (int k = 0; k < m; k++) {
      if (copy[k]) {
        union(copyParent, ea[k], eb[k]);
      }
    }
    // Canonical of each copy group.
    int[] canonical = new int[n];
    java.util.Arrays.fill(canonical, -1);
    for (int i = 0; i < n; i++) {
      int r = find(copyParent, i);
      if (canonical[r] < 0 || earlier(dates[i], i, dates[canonical[r]], canonical[r])) {
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
    LinkMap[] links = new LinkMap[n];
    int[] storyA = new int[m];
    int[] storyB = new int[m];
    int stories = 0;
    for (int k = 0; k < m; k++) {
      if (copy[k]) {
        continue;
      }
      int x = parent[ea[k]];
      int y = parent[eb[k]];
      if (x == y) {
        continue;
      }
      linksOf(links, x).add(y, es[k]);
      linksOf(links, y).add(x, es[k]);
      storyA[stories] = ea[k];
      storyB[stories] = eb[k];
      stories++;
    }
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int k = 0; k < stories; k++) {
        int x = find(parent, storyA[k]);
        int y = find(parent, storyB[k]);
        if (x == y) {
          continue;
        }
        double between = linksOf(links, x).get(y);
        if (between < minLinkFraction * Math.pow((double) size[x] * size[y], sizeExponent)) {
          continue;
        }
        // Union by size; the surviving root inherits the other's links (each sum is one addition, so the order
        // the links are visited in cannot change a value).
        int keep = size[x] >= size[y] ? x : y;
        int gone = keep == x ? y : x;
        parent[gone] = keep;
        size[keep] += size[gone];
        LinkMap keepLinks = linksOf(links, keep);
        keepLinks.remove(gone);
        LinkMap goneLinks = linksOf(links, gone);
        links[gone] = null;
        for (int slot = 0; slot < goneLinks.keys.length; slot++) {
          int other = goneLinks.keys[slot];
          if (other < 0 || other == keep) {
            continue;
          }
          double v = goneLinks.values[slot];
          keepLinks.add(other, v);
          LinkMap otherLinks = linksOf(links, other);
          otherLinks.remove(gone);
          otherLinks.add(keep, v);
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

  private static LinkMap linksOf(LinkMap[] links, int cluster) {
    if (links[cluster] == null) {
      links[cluster] = new LinkMap();
    }
    return links[cluster];
  }

  /** Summed edge scores from one cluster to others: an open-addressing int -> double map (keys >= 0). */
  static final class LinkMap {
    int[] keys = empty(4);
    double[] values = new double[4];
    private int count;

    private static int[] empty(int n) {
      int[] k = new int[n];
      java.util.Arrays.fill(k, -1);
      return k;
    }

    private int slot(int key) {
      int mask = keys.length - 1;
      int i = (key * 0x9E3779B9) >>> 1 & mask;
      while (keys[i] >= 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    double get(int key) {
      int i = slot(key);
      return keys[i] == key ? values[i] : 0.0;
    }

    void add(int key, double v) {
      int i = slot(key);
      if (keys[i] == key) {
        values[i] += v;
        return;
      }
      keys[i] = key;
      values[i] = v;
      if (++count * 2 > keys.length) {
        grow();
      }
    }

    void remove(int key) {
      int mask = keys.length - 1;
      int i = slot(key);
      if (keys[i] != key) {
        return;
      }
      keys[i] = -1;
      count--;
      // Backward-shift deletion: move later entries of the probe run into the hole.
      for (int j = (i + 1) & mask; keys[j] >= 0; j = (j + 1) & mask) {
        int home = (keys[j] * 0x9E3779B9) >>> 1 & mask;
        boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!between) {
          keys[i] = keys[j];
          values[i] = values[j];
          keys[j] = -1;
          i = j;
        }
      }
    }

    private void grow() {
      int[] oldKeys = keys;
      double[] oldValues = values;
      keys = empty(oldKeys.length * 2);
      values = new double[oldKeys.length * 2];
      count = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] >= 0) {
          add(oldKeys[i], oldValues[i]);
        }
      }
    }
  }

  private static boolean earlier(int dateA, int idxA, int dateB, int idxB) {
    int c = compareDates(dateA, dateB);
    return c != 0 ? c < 0 : idxA < idxB; // ids are indexed in sorted order
  }

  /** The canonical-copy order on article ids: earliest published first (undated last), then the smallest id. */
  static boolean earlier(int dateA, String idA, int dateB, String idB) {
    int c = compareDates(dateA, dateB);
    return c != 0 ? c < 0 : idA.compareTo(idB) < 0;
  }

  private static int compareDates(int dateA, int dateB) {
    boolean hasA = dateA != StoryFeatures.NO_DATE;
    boolean hasB = dateB != StoryFeatures.NO_DATE;
    if (hasA != hasB) {
      return hasA ? -1 : 1;
    }
    return hasA ? Integer.compare(dateA, dateB) : 0;
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
