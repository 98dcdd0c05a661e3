package dev.newsfold.entities;

import java.util.Arrays;

/**
 * A reusable char buffer for building one feature name at a time, keeping a 64-bit hash of it as it grows, so the
 * tagger looks features up in a {@link TextTable} without creating a String or hashing twice.
 */
final class FeatureText {
  /** Odd 64-bit multiplier for the polynomial hash (features are short: no long-string collision patterns). */
  private static final long M = 0x9E3779B97F4A7C15L;

  char[] chars = new char[128];
  int length;
  long hash;

  FeatureText clear() {
    length = 0;
    hash = 0;
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
    long h = hash;
    for (int i = length, end = length + n; i < end; i++) {
      h = (h + chars[i] + 1) * M;
    }
    hash = h;
    length += n;
    return this;
  }

  FeatureText append(char c) {
    if (length == chars.length) {
      chars = Arrays.copyOf(chars, chars.length * 2);
    }
    chars[length++] = c;
    hash = (hash + c + 1) * M;
    return this;
  }

  /** Sets the buffer to s (a constant feature). */
  FeatureText set(String s) {
    clear();
    return append(s);
  }

  /** The hash {@link #set} would give s. */
  static long hash(String s) {
    long h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = (h + s.charAt(i) + 1) * M;
    }
    return h;
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
