package dev.newsfold.entities;

import java.util.Arrays;

/**
 * A reusable char buffer for building one feature name at a time, keeping its String.hashCode as it grows, so the
 * tagger looks features up in a {@link TextTable} without creating a String or hashing twice.
 */
final class FeatureText {
  char[] chars = new char[128];
  int length;
  int hash;

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
    int h = hash;
    for (int i = length, end = length + n; i < end; i++) {
      h = 31 * h + chars[i];
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
    hash = 31 * hash + c;
    return this;
  }

  /** Sets the buffer to s (a constant feature). */
  FeatureText set(String s) {
    clear();
    return append(s);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
