package dev.newsfold.entities;

import java.util.Arrays;

/**
 * Open-addressing set of strings that numbers its keys 0, 1, 2... in insertion order and is probed with any
 * {@link CharSequence}, so a feature built in a reused StringBuilder is looked up without allocating a String (the
 * tagger's hot loop builds ~60 features per token). Not thread-safe while adding; read-only use may be shared.
 */
final class TextTable {
  private String[] keys;
  private int[] hashes;
  private int[] numbers;
  private int size;

  TextTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new String[cap];
    hashes = new int[cap];
    numbers = new int[cap];
  }

  int size() {
    return size;
  }

  /** String.hashCode over any char sequence, spread so that the low bits address well. */
  private static int hash(CharSequence s) {
    int h = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      h = 31 * h + s.charAt(i);
    }
    return spread(h);
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The key's number, or -1 if absent. */
  int get(CharSequence s) {
    int h = s instanceof String str ? spread(str.hashCode()) : hash(s);
    int mask = keys.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (hashes[i] == h && k.contentEquals(s)) {
        return numbers[i];
      }
    }
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
    hashes[i] = h;
    numbers[i] = size;
    if (++size * 2 > keys.length) {
      grow();
    }
    return size - 1;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    int[] oldNumbers = numbers;
    keys = new String[oldKeys.length * 2];
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
