package dev.newsfold.entities;

import java.util.Arrays;

/** A growable list of ints (feature ids, gazetteer codes, claim indices) without boxing. */
public final class IntList {
  int[] a;
  int n;

  public IntList(int capacity) {
    a = new int[capacity];
  }

  public void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2 + 4);
    }
    a[n++] = v;
  }

  public int get(int i) {
    return a[i];
  }

  public int size() {
    return n;
  }

  public void clear() {
    n = 0;
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
