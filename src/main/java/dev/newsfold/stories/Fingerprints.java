package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pure fingerprint functions for the story stage: word tokens, 64-bit hashing without allocation, MinHash over word
 * shingles, LSH band keys, SimHash, and the weighted terms of a story key.
 */
public final class Fingerprints {

  /** MinHash signature length and LSH banding (16 bands of 4 rows: pairs above Jaccard ~0.5 usually share a band). */
  public static final int HASHES = 64;
  public static final int BANDS = 16;
  public static final int ROWS = HASHES / BANDS;
  public static final int SHINGLE = 5;

  private static final long[] SEEDS_A = new long[HASHES];
  private static final long[] SEEDS_B = new long[HASHES];

  static {
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < HASHES; i++) {
      x = mix(x + 0x9E3779B97F4A7C15L);
      SEEDS_A[i] = x | 1;
      x = mix(x + 0x9E3779B97F4A7C15L);
      SEEDS_B[i] = x;
    }
  }

  static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for",
      "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its",
      "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your",
      "not", "no", "will", "would", "can", "could", "should", "may", "might", "do", "does", "did", "than", "then",
      "there", "here", "who", "what", "when", "where", "which", "why", "how", "all", "any", "some", "more", "most",
      "also", "after", "before", "about", "into", "over", "said", "says", "say", "one", "two", "out", "up", "new",
      "if", "so", "just", "very", "s", "t", "mr", "mrs", "ms", "per", "cent", "percent", "year", "years", "last",
      "first", "since", "while", "during", "them", "him", "my", "me", "us", "am", "pm", "monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday", "other", "such", "only", "now", "time", "people",
      "told", "according", "both", "many", "much", "well", "because", "under", "between", "against", "through");

  private Fingerprints() {}

  /** SplitMix64 finaliser: a fast, well-mixed 64-bit hash step. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64-bit hash of s[from, to) lower-cased, without allocating. */
  static long hash(CharSequence s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h ^= Character.toLowerCase(s.charAt(i));
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** Word tokens as [start, end) offsets: letters and digits, apostrophes and inner dots/commas of numbers kept. */
  public static int[] tokens(String text) {
    int[] out = new int[64];
    int n = 0;
    int i = 0;
    int len = text.length();
    while (i < len) {
      while (i < len && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < len && (Character.isLetterOrDigit(text.charAt(i))
          || ((text.charAt(i) == '.' || text.charAt(i) == ',' || text.charAt(i) == '\'' || text.charAt(i) == '’')
              && i + 1 < len && Character.isLetterOrDigit(text.charAt(i + 1)) && i > start))) {
        i++;
      }
      if (i > start) {
        if (n + 2 > out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = start;
        out[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** MinHash of the body's word {@link #SHINGLE}-grams: min over shingles of a universal hash per position. */
  public static int[] minHash(String text) {
    int[] tok = tokens(text);
    int words = tok.length / 2;
    long[] wordHash = new long[words];
    for (int w = 0; w < words; w++) {
      wordHash[w] = hash(text, tok[2 * w], tok[2 * w + 1]);
    }
    long[] min = new long[HASHES];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    int shingles = Math.max(1, words - SHINGLE + 1);
    for (int s = 0; s < shingles; s++) {
      long h = 0;
      for (int k = s; k < Math.min(words, s + SHINGLE); k++) {
        h = mix(h * 31 + wordHash[k]);
      }
      for (int i = 0; i < HASHES; i++) {
        long v = (h * SEEDS_A[i] + SEEDS_B[i]) >>> 1;
        if (v < min[i]) {
          min[i] = v;
        }
      }
    }
    int[] sig = new int[HASHES];
    for (int i = 0; i < HASHES; i++) {
      sig[i] = (int) (min[i] ^ (min[i] >>> 32));
    }
    return sig;
  }

  /** Keys of the LSH bands: the band number plus a hash of its rows. */
  public static long[] bandKeys(int[] sig) {
    long[] keys = new long[BANDS];
    for (int b = 0; b < BANDS; b++) {
      long h = b * 0x9E3779B97F4A7C15L;
      for (int r = 0; r < ROWS; r++) {
        h = mix(h ^ sig[b * ROWS + r]);
      }
      keys[b] = h;
    }
    return keys;
  }

  /** Estimated Jaccard similarity: the share of equal MinHash positions. */
  public static double jaccard(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    return (double) same / HASHES;
  }

  /** 64-bit SimHash of the body's words (each word votes its hash bits, weighted by count). */
  public static long simHash(String text) {
    int[] tok = tokens(text);
    int[] votes = new int[64];
    for (int w = 0; w < tok.length / 2; w++) {
      long h = hash(text, tok[2 * w], tok[2 * w + 1]);
      for (int bit = 0; bit < 64; bit++) {
        votes[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
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

  /**
   * Candidate story-key terms of an article with their in-article weight: content words (lower-cased, stop words
   * dropped), boosted when they are part of a name (capitalised not at a sentence start), a number, or in the title
   * or lead. Rarity across the corpus is applied later by the stage, which sees document frequencies.
   */
  public static Map<String, Double> keyTerms(String title, String text) {
    Map<String, Double> out = new HashMap<>();
    if (title != null) {
      addTerms(title, 2.0, true, out);
    }
    int lead = Math.min(text.length(), 600);
    addTerms(text.substring(0, lead), 1.5, false, out);
    if (lead < text.length()) {
      addTerms(text.substring(lead), 1.0, false, out);
    }
    return out;
  }

  private static void addTerms(String s, double base, boolean title, Map<String, Double> out) {
    int[] tok = tokens(s);
    for (int w = 0; w < tok.length / 2; w++) {
      int start = tok[2 * w];
      int end = tok[2 * w + 1];
      String word = s.substring(start, end);
      String lower = word.toLowerCase(Locale.ROOT).replace("’", "'");
      if (lower.endsWith("'s")) {
        lower = lower.substring(0, lower.length() - 2);
      }
      if (lower.length() < 3 && !Character.isDigit(lower.isEmpty() ? 'x' : lower.charAt(0)) || STOP.contains(lower)) {
        continue;
      }
      boolean number = Character.isDigit(word.charAt(0));
      boolean sentenceStart = start == 0 || prevNonSpace(s, start) == '.' || prevNonSpace(s, start) == '"'
          || prevNonSpace(s, start) == '\n';
      boolean name = Character.isUpperCase(word.charAt(0)) && (!sentenceStart || title);
      double weight = base * (number ? 2.0 : name ? 2.0 : 1.0);
      out.merge(number ? lower : stem(lower), weight, Double::sum);
    }
  }

  private static char prevNonSpace(String s, int i) {
    int j = i - 1;
    while (j >= 0 && Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '\n') {
      j--;
    }
    return j < 0 ? '.' : s.charAt(j);
  }

  /** A light suffix stripper so "earthquake"/"earthquakes", "rehab"/"rehabs" share a key. */
  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")
        || w.endsWith("zes"))) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Sorted list helper for deterministic output. */
  static List<String> sorted(java.util.Collection<String> c) {
    List<String> l = new ArrayList<>(c);
    java.util.Collections.sort(l);
    return l;
  }
}
