package dev.newsfold.entities;

/**
 * Open-addressing map from strings to long values, keyed by a 64-bit hash of the string ({@link FeatureText}) and
 * probed with a reused {@link FeatureText}, so the tagger's hot loop (~60 features per token) looks features up
 * without building a String. Hash and value sit side by side in one array: one cache line per probe. Strings are
 * not stored; two distinct keys with the same 64-bit hash (odds ~1e-8 for a million keys) would share a value,
 * which {@link #size()} lets builders detect. Not thread-safe while adding; read-only use may be shared.
 */
final class TextTable {
  static final long ABSENT = Long.MIN_VALUE;

  /** slots[2i] = hash (0: empty), slots[2i + 1] = value. */
  private long[] slots;
  private int size;

  TextTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    slots = new long[cap * 2];
  }

  int size() {
    return size;
  }

  private static long key(long h) {
    return h == 0 ? 1 : h;
  }

  /** Slot of a hash: the polynomial hash's low bits are weak, so mix all 64 bits first (murmur3 finaliser). */
  private static int index(long h, int mask) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h & mask;
  }

  /** The value of the text, or {@link #ABSENT}. */
  long get(FeatureText f) {
    return getHash(key(f.hash()));
  }

  long get(String s) {
    return getHash(key(FeatureText.hash(s)));
  }

  private long getHash(long h) {
    long[] s = slots;
    int mask = (s.length >> 1) - 1;
    for (int i = index(h, mask); ; i = (i + 1) & mask) {
      long k = s[2 * i];
      if (k == h) {
        return s[2 * i + 1];
      }
      if (k == 0) {
        return ABSENT;
      }
    }
  }

  /** Sets the value of s (adding it if absent). */
  void put(String s, long value) {
    long h = key(FeatureText.hash(s));
    int mask = (slots.length >> 1) - 1;
    int i = index(h, mask);
    for (; slots[2 * i] != 0; i = (i + 1) & mask) {
      if (slots[2 * i] == h) {
        slots[2 * i + 1] = value;
        return;
      }
    }
    slots[2 * i] = h;
    slots[2 * i + 1] = value;
    if (++size * 2 > (slots.length >> 1)) {
      grow();
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = (slots.length >> 1) - 1;
    for (int j = 0; j < old.length; j += 2) {
      if (old[j] == 0) {
        continue;
      }
      int i = index(old[j], mask);
      while (slots[2 * i] != 0) {
        i = (i + 1) & mask;
      }
      slots[2 * i] = old[j];
      slots[2 * i + 1] = old[j + 1];
    }
  }
}
