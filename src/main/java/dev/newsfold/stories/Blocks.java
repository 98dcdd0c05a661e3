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
}
