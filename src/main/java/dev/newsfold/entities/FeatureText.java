package dev.newsfold.entities;

import java.util.Arrays;

/**
 * A reusable char buffer for building one feature name at a time, so the tagger looks features up in a
 * {@link TextTable} by a 64-bit hash without creating a String.
 */
final class FeatureText {
  /** Odd 64-bit multiplier of the polynomial hash. */
  private static final long M = 0x9E3779B97F4A7C15L;

  char[] chars = new char[128];
  int length;

  FeatureText clear() {
    length = 0;
    return this;
  }

  FeatureText append(String s) {
    return append(s, 0, s.length());
  }

  FeatureText append(String s, int from, int to) {
    int n = to - from;
    if (length + n > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
    }
    s.getChars(from, to, chars, length);
    length += n;
    return this;
  }

  FeatureText append(char c) {
    if (length == chars.length) {
      chars = Arrays.copyOf(chars, chars.length * 2);
    }
    chars[length++] = c;
    return this;
  }

  /** Sets the buffer to s (a constant feature). */
  FeatureText set(String s) {
    clear();
    return append(s);
  }

  long hash() {
    return hash(chars, length);
  }

  /** The hash {@link #hash()} gives for s. */
  static long hash(String s) {
    return hash(s.toCharArray(), s.length());
  }

  /**
   * Polynomial hash over four chars at a time (a quarter of the dependent multiplications of a char-by-char hash;
   * features are short, so none of the long-string collision patterns of hashes modulo 2^64 arise).
   */
  private static long hash(char[] c, int n) {
    long h = n;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long v = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
      h = (h + v) * M;
      h ^= h >>> 31;
    }
    for (; i < n; i++) {
      h = (h + c[i] + 1) * M;
    }
    return h;
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
