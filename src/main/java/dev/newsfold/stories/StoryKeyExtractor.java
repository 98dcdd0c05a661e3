package dev.newsfold.stories;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Builds the rewrite fingerprint of an article from what survives paraphrase: content words of the title and lead,
 * names (capitalised words inside a sentence), and numbers, weighted by their rarity across the corpus.
 *
 * <p>Only the title and the first {@code leadWords} words of the body are used: news puts the event in the title and
 * lead, and a bounded text keeps the document-frequency table and the per-article cost bounded.
 */
public final class StoryKeyExtractor implements Serializable {
  static final int TITLE = 1;
  static final int NAME = 2;
  static final int NUMBER = 4;

  private final int leadWords;
  private final int vectorSize;
  private final int keySize;

  public StoryKeyExtractor(int leadWords, int vectorSize, int keySize) {
    this.leadWords = leadWords;
    this.vectorSize = vectorSize;
    this.keySize = keySize;
  }

  /** Raw counts and kind flags of one article's content terms. */
  public static final class Profile {
    public final Map<String, float[]> counts = new HashMap<>(); // term -> {count, kindFlags}
  }

  public Profile profile(String title, String text) {
    Profile p = new Profile();
    if (title != null) {
      // Title words count double: the headline names the event.
      add(p, title, 2f, TITLE, Integer.MAX_VALUE);
    }
    add(p, text, 1f, 0, leadWords);
    return p;
  }

  private static void add(Profile p, String s, float weight, int kind, int limit) {
    if (s == null) {
      return;
    }
    BitSet cap = new BitSet();
    BitSet start = new BitSet();
    List<String> words = TextFeatures.words(s, cap, start);
    int n = Math.min(limit, words.size());
    for (int i = 0; i < n; i++) {
      String w = words.get(i);
      if (!TextFeatures.isContentWord(w)) {
        continue;
      }
      int k = kind;
      if (TextFeatures.isNumber(w)) {
        k |= NUMBER;
      } else if (cap.get(i) && !start.get(i)) {
        k |= NAME;
      }
      float[] c = p.counts.computeIfAbsent(w, x -> new float[2]);
      c[0] += weight;
      c[1] = (float) ((int) c[1] | k);
    }
  }

  /** Inverse document frequency; a term missing from the table is treated as seen once. */
  public static double idf(long docs, int df) {
    return Math.log((docs + 1.0) / (Math.max(df, 1) + 0.5));
  }

  /**
   * The article's features given document frequencies ({@code df} returns 0 for unknown terms) over {@code docs}
   * articles.
   */
  public StoryFeatures features(String articleId, int date, String title, String text, ToIntFunction<String> df,
      long docs) {
    Profile p = profile(title, text);
    int n = p.counts.size();
    String[] terms = new String[n];
    double[] vec = new double[n];
    double[] key = new double[n];
    int[] dfs = new int[n];
    int i = 0;
    double norm = 0;
    for (Map.Entry<String, float[]> e : p.counts.entrySet()) {
      String t = e.getKey();
      int d = df.applyAsInt(t);
      double idf = idf(docs, d);
      double w = (1 + Math.log(e.getValue()[0])) * idf;
      int kind = (int) e.getValue()[1];
      terms[i] = t;
      vec[i] = w;
      dfs[i] = d;
      // Names, numbers and title words are what a rewrite keeps; other lead words rank below them.
      double boost = ((kind & (NAME | NUMBER)) != 0 ? 1.5 : 1.0) * ((kind & TITLE) != 0 ? 1.5 : 1.0);
      key[i] = w * boost;
      norm += w * w;
      i++;
    }
    norm = Math.sqrt(norm);

    // Vector: top vectorSize terms by weight, normalised by the norm of the FULL vector so truncation only drops mass.
    Integer[] order = sortedIndexes(vec, terms);
    int m = Math.min(vectorSize, n);
    long[] hashes = new long[m];
    float[] weights = new float[m];
    List<long[]> pairs = new ArrayList<>(m);
    for (int r = 0; r < m; r++) {
      int idx = order[r];
      pairs.add(new long[] {TextFeatures.hash64(terms[idx]), Double.doubleToLongBits(vec[idx] / norm)});
    }
    pairs.sort((x, y) -> Long.compare(x[0], y[0]));
    for (int r = 0; r < m; r++) {
      hashes[r] = pairs.get(r)[0];
      weights[r] = (float) Double.longBitsToDouble(pairs.get(r)[1]);
    }

    // Key: top keySize terms seen in at least one other article (a term no one else has cannot block anything).
    Integer[] korder = sortedIndexes(key, terms);
    List<String> kt = new ArrayList<>();
    List<Float> kw = new ArrayList<>();
    for (int r = 0; r < n && kt.size() < keySize; r++) {
      int idx = korder[r];
      if (dfs[idx] >= 2) {
        kt.add(terms[idx]);
        kw.add((float) idf(docs, dfs[idx]));
      }
    }
    float[] kwa = new float[kw.size()];
    for (int r = 0; r < kwa.length; r++) {
      kwa[r] = kw.get(r);
    }
    return new StoryFeatures(articleId, date, hashes, weights, kt.toArray(new String[0]), kwa);
  }

  /** Indexes by weight descending, ties by term: deterministic whatever the hash map's iteration order. */
  private static Integer[] sortedIndexes(double[] w, String[] terms) {
    Integer[] order = new Integer[w.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> {
      int c = Double.compare(w[y], w[x]);
      return c != 0 ? c : terms[x].compareTo(terms[y]);
    });
    return order;
  }
}
