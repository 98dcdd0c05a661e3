package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's edges as primitive arrays: article ids sorted (an index is a rank), each edge's ends as indices, its
 * type and score; distinct, without self-links, in {@link Edge} order (copies first, strongest first, then ids). Built
 * in one pass over the runner's iterable, so the largest component costs about 30 bytes an edge on the heap instead
 * of an {@code Edge} object with two id strings (~200 bytes) held in lists until clustering.
 */
final class EdgeTable {
  final String[] ids;
  final int[] dates;
  final int[] a;
  final int[] b;
  final boolean[] copy;
  final double[] score;
  final int size;

  private EdgeTable(String[] ids, int[] dates, int[] a, int[] b, boolean[] copy, double[] score, int size) {
    this.ids = ids;
    this.dates = dates;
    this.a = a;
    this.b = b;
    this.copy = copy;
    this.score = score;
    this.size = size;
  }

  /** The table of {@code edges} plus the articles of {@code features} (which may have no edge). */
  static EdgeTable of(Iterable<Edge> edges, Map<String, StoryFeatures> features) {
    Builder t = new Builder();
    edges.forEach(t::add);
    features.values().forEach(f -> t.article(f.articleId, f.date));
    return t.build();
  }

  /** Collects edges as they stream in; ids are numbered in arrival order until {@link #build} ranks them. */
  static final class Builder {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private int[] dates = new int[8];
    private int[] a = new int[8];
    private int[] b = new int[8];
    private boolean[] copy = new boolean[8];
    private double[] score = new double[8];
    private int m;

    /** The number of {@code id}; the first date seen is kept (an article's date is the same on all its edges). */
    int article(String id, int date) {
      Integer k = index.get(id);
      if (k != null) {
        return k;
      }
      int n = ids.size();
      index.put(id, n);
      ids.add(id);
      if (n == dates.length) {
        dates = Arrays.copyOf(dates, n * 2);
      }
      dates[n] = date;
      return n;
    }

    Builder add(Edge e) {
      if (e.a.equals(e.b)) {
        return this;
      }
      if (m == a.length) {
        int cap = m * 2;
        a = Arrays.copyOf(a, cap);
        b = Arrays.copyOf(b, cap);
        copy = Arrays.copyOf(copy, cap);
        score = Arrays.copyOf(score, cap);
      }
      a[m] = article(e.a, e.dateA);
      b[m] = article(e.b, e.dateB);
      copy[m] = e.type == Edge.COPY;
      score[m] = e.score;
      m++;
      return this;
    }

    EdgeTable build() {
      int n = ids.size();
      String[] sorted = ids.toArray(new String[0]);
      Arrays.sort(sorted);
      int[] rank = new int[n];
      int[] sortedDates = new int[n];
      for (int r = 0; r < n; r++) {
        int k = index.get(sorted[r]);
        rank[k] = r;
        sortedDates[r] = dates[k];
      }
      for (int k = 0; k < m; k++) {
        a[k] = rank[a[k]];
        b[k] = rank[b[k]];
      }
      // Edge order on ranks equals Edge order on ids (ranks follow string order, and an edge's a < b).
      int[] order = new int[m];
      for (int k = 0; k < m; k++) {
        order[k] = k;
      }
      sort(order, new int[m], 0, m);
      int[] oa = new int[m];
      int[] ob = new int[m];
      boolean[] oc = new boolean[m];
      double[] os = new double[m];
      int kept = 0;
      int previous = -1;
      for (int k : order) {
        if (previous >= 0 && compare(k, previous) == 0) {
          continue; // the same edge again (a pair verified in several shards)
        }
        oa[kept] = a[k];
        ob[kept] = b[k];
        oc[kept] = copy[k];
        os[kept] = score[k];
        kept++;
        previous = k;
      }
      return new EdgeTable(sorted, sortedDates, oa, ob, oc, os, kept);
    }

    private int compare(int x, int y) {
      if (copy[x] != copy[y]) {
        return copy[x] ? -1 : 1;
      }
      int c = Double.compare(score[y], score[x]);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a[x], a[y]);
      return c != 0 ? c : Integer.compare(b[x], b[y]);
    }

    /** Stable merge sort of {@code order[from, to)} by {@link #compare} (no boxing: components reach millions). */
    private void sort(int[] order, int[] tmp, int from, int to) {
      if (to - from < 2) {
        return;
      }
      int mid = (from + to) >>> 1;
      sort(order, tmp, from, mid);
      sort(order, tmp, mid, to);
      if (compare(order[mid - 1], order[mid]) <= 0) {
        return;
      }
      System.arraycopy(order, from, tmp, from, to - from);
      int i = from;
      int j = mid;
      for (int k = from; k < to; k++) {
        if (j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
          order[k] = tmp[i++];
        } else {
          order[k] = tmp[j++];
        }
      }
    }
  }
}
