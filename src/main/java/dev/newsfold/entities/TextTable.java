package dev.newsfold.entities;

import java.util.Arrays;

/**
 * Open-addressing set of strings that numbers its keys 0, 1, 2... in insertion order and is probed with a
 * {@link FeatureText}, so a feature built in a reused buffer is looked up without allocating a String (the tagger's
 * hot loop builds ~60 features per token). Keys are kept as char arrays so a probe compares with an intrinsic
 * array comparison. Not thread-safe while adding; read-only use may be shared.
 */
final class TextTable {
  private String[] keys;
  private char[][] chars;
  private int[] hashes;
  private int[] numbers;
  private int size;

  TextTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new String[cap];
    chars = new char[cap][];
    hashes = new int[cap];
    numbers = new int[cap];
  }

  int size() {
    return size;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The key's number, or -1 if absent. */
  int get(FeatureText f) {
    int h = spread(f.hash);
    int mask = keys.length - 1;
    int len = f.length;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      char[] k = chars[i];
      if (k == null) {
        return -1;
      }
      if (hashes[i] == h && k.length == len && Arrays.equals(k, 0, len, f.chars, 0, len)) {
        return numbers[i];
      }
    }
  }

  /** The key's number, or -1 if absent. */
  int get(String s) {
    return get(new FeatureText().set(s));
  }

  /** The key's number, adding it (with the next number) if absent. */
  int add(String s) {
    int h = spread(s.hashCode());
    int mask = keys.length - 1;
    int i = h & mask;
    for (; keys[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && keys[i].equals(s)) {
        return numbers[i];
      }
    }
    keys[i] = s;
    chars[i] = s.toCharArray();
    hashes[i] = h;
    numbers[i] = size;
    if (++size * 2 > keys.length) {
      grow();
    }
    return size - 1;
  }

  private void grow() {
    String[] oldKeys = keys;
    char[][] oldChars = chars;
    int[] oldHashes = hashes;
    int[] oldNumbers = numbers;
    keys = new String[oldKeys.length * 2];
    chars = new char[keys.length][];
    hashes = new int[keys.length];
    numbers = new int[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] == null) {
        continue;
      }
      int i = oldHashes[j] & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = oldKeys[j];
      chars[i] = oldChars[j];
      hashes[i] = oldHashes[j];
      numbers[i] = oldNumbers[j];
    }
  }

  /** Growable int array indexed by key number, for callers that attach values to keys. */
  static int[] ensure(int[] a, int n, int fill) {
    if (n <= a.length) {
      return a;
    }
    int old = a.length;
    int[] out = Arrays.copyOf(a, Math.max(n, old * 2));
    Arrays.fill(out, old, out.length, fill);
    return out;
  }
}
