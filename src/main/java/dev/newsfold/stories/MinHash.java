package dev.newsfold.stories;

import java.io.Serializable;
import java.util.List;

/**
 * MinHash over word k-shingles: the fraction of equal slots of two signatures estimates the Jaccard similarity of
 * their shingle sets. Each shingle is hashed once (rolling combination of word hashes, no string building) and the
 * slots are derived from it by cheap re-mixing, so a signature costs O(words x slots) multiplies and no allocation
 * besides the signature itself.
 */
public final class MinHash implements Serializable {
  private final int numHashes;
  private final int shingleSize;
  private final long[] seeds;

  public MinHash(int numHashes, int shingleSize, long seed) {
    if (numHashes <= 0 || shingleSize <= 0) {
      throw new IllegalArgumentException("numHashes and shingleSize must be positive");
    }
    this.numHashes = numHashes;
    this.shingleSize = shingleSize;
    this.seeds = new long[numHashes];
    long s = seed;
    for (int i = 0; i < numHashes; i++) {
      s += 0x9e3779b97f4a7c15L;
      seeds[i] = TextFeatures.mix64(s) | 1L; // odd multipliers keep the map a bijection
    }
  }

  public int numHashes() {
    return numHashes;
  }

  /** Hashes of the word shingles of {@code words}; a text shorter than one shingle gives one shingle of all its words. */
  public long[] shingleHashes(List<String> words) {
    int n = words.size();
    long[] wh = new long[n];
    for (int i = 0; i < n; i++) {
      wh[i] = TextFeatures.hash64(words.get(i));
    }
    int count = n >= shingleSize ? n - shingleSize + 1 : (n == 0 ? 0 : 1);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      long h = 0x84222325cbf29ce4L;
      int end = Math.min(n, i + shingleSize);
      for (int j = i; j < end; j++) {
        h = TextFeatures.mix64(h * 31 + wh[j]);
      }
      out[i] = h;
    }
    return out;
  }

  /** The distinct shingle hashes of {@code words}, sorted: the exact set the signature samples. */
  public long[] shingleSet(List<String> words) {
    return java.util.Arrays.stream(shingleHashes(words)).sorted().distinct().toArray();
  }

  /** Exact Jaccard similarity of two sorted, distinct shingle sets (0 when both are empty). */
  public static double exactJaccard(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        shared++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = a.length + b.length - shared;
    return union == 0 ? 0.0 : (double) shared / union;
  }

  /**
   * How far from a threshold t an estimate of {@code numHashes} slots can fall by chance: three standard errors,
   * 3 * sqrt(t (1 - t) / numHashes) (0.14 at t = 0.3 with 96 slots). Estimates within it are checked exactly.
   */
  public static double uncertainty(double threshold, int numHashes) {
    return 3 * Math.sqrt(threshold * (1 - threshold) / numHashes);
  }

  /** Signature of the word list; an empty text gives all slots at Long.MAX_VALUE (matches nothing real). */
  public long[] signature(List<String> words) {
    long[] sig = new long[numHashes];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (long sh : shingleHashes(words)) {
      for (int k = 0; k < numHashes; k++) {
        long v = TextFeatures.mix64(sh * seeds[k]) >>> 1; // non-negative so MAX_VALUE stays the empty marker
        if (v < sig[k]) {
          sig[k] = v;
        }
      }
    }
    return sig;
  }

  /** Estimated Jaccard: share of equal slots (empty signatures never match). */
  public static double jaccard(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("signature lengths differ");
    }
    int eq = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i] && a[i] != Long.MAX_VALUE) {
        eq++;
      }
    }
    return (double) eq / a.length;
  }

  /**
   * LSH band keys: band b hashes rows [b*rows, (b+1)*rows). Two signatures share a band key with probability
   * J^rows per band, so pairs above about (1/bands)^(1/rows) become candidates.
   */
  public static long[] bandKeys(long[] sig, int bands) {
    int rows = sig.length / bands;
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = 0x5bd1e995L + b;
      boolean empty = true;
      for (int r = b * rows; r < (b + 1) * rows; r++) {
        h = TextFeatures.mix64(h * 31 + sig[r]);
        empty &= sig[r] == Long.MAX_VALUE;
      }
      keys[b] = empty ? 0L : h;
    }
    return keys;
  }
}
