package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.List;

/** Splitting of over-large blocks into bounded, overlapping windows (so pairwise work per block is capped). */
public final class Blocks {
  private Blocks() {}

  /**
   * Windows [start, end) over {@code size} sorted members: one window when size <= cap, else windows of {@code cap}
   * members with stride cap/2, the last one ending at size. Each member falls in at most 2 windows (3 near the end),
   * so pairs compared stay below about size x cap, linear in the block size.
   */
  public static List<int[]> windows(int size, int cap) {
    List<int[]> out = new ArrayList<>();
    if (size <= cap) {
      out.add(new int[] {0, size});
      return out;
    }
    int stride = Math.max(1, cap / 2);
    for (int start = 0; ; start += stride) {
      if (start + cap >= size) {
        out.add(new int[] {size - cap, size});
        break;
      }
      out.add(new int[] {start, start + cap});
    }
    return out;
  }

  /**
   * Sort key of a key-term block member: string order is date order, then id order (the order split windows are
   * cut in). The date's sign bit is flipped so that fixed-width hex compares like the signed int.
   */
  public static String memberKey(int date, String articleId) {
    String hex = Integer.toHexString(date ^ Integer.MIN_VALUE);
    return "00000000".substring(hex.length()) + hex + articleId;
  }

  /**
   * The windows of a block as member-key bounds, from its members' keys in sorted order: the first and last key of
   * each window of {@link #windows}, flattened ([first0, last0, first1, last1, ...]). Small enough to broadcast, so
   * each member can be sent to its windows before any grouping: no worker holds a frequent term's whole block.
   */
  public static List<String> windowBounds(List<String> sortedKeys, int cap) {
    List<String> bounds = new ArrayList<>();
    for (int[] w : windows(sortedKeys.size(), cap)) {
      bounds.add(sortedKeys.get(w[0]));
      bounds.add(sortedKeys.get(w[1] - 1));
    }
    return bounds;
  }

  /** Indices of the windows (bounds from {@link #windowBounds}) that hold a member with this key, ascending. */
  public static int[] windowsOf(String key, List<String> bounds) {
    int n = bounds.size() / 2;
    // Window starts and ends both ascend: the holders are the run of windows ending at the last start <= key.
    int lo = 0;
    int hi = n - 1;
    int last = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (bounds.get(2 * mid).compareTo(key) <= 0) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    int first = last + 1;
    while (first > 0 && bounds.get(2 * (first - 1) + 1).compareTo(key) >= 0) {
      first--;
    }
    int[] out = new int[Math.max(0, last - first + 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = first + i;
    }
    return out;
  }
}
