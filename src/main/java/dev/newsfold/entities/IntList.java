package dev.newsfold.entities;

import java.util.Arrays;

/** A growable list of ints (feature ids, gazetteer codes) without boxing. */
final class IntList {
  int[] a;
  int n;

  IntList(int capacity) {
    a = new int[capacity];
  }

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2 + 4);
    }
    a[n++] = v;
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
