package dev.newsfold.stories;

import java.util.List;

/**
 * 64-bit SimHash (Charikar) over word 3-shingles: near-identical texts get hashes a few bits apart. Kept on every
 * article (articles.simhash) so users can find near copies with a Hamming-distance query without re-reading text.
 */
public final class SimHash {
  private SimHash() {}

  private static final MinHash SHINGLER = new MinHash(1, 3, 42L);

  public static long of(List<String> words) {
    int[] votes = new int[64];
    for (long h : SHINGLER.shingleHashes(words)) {
      for (int bit = 0; bit < 64; bit++) {
        votes[bit] += ((h >>> bit) & 1L) != 0 ? 1 : -1;
      }
    }
    long out = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (votes[bit] > 0) {
        out |= 1L << bit;
      }
    }
    return out;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }
}
