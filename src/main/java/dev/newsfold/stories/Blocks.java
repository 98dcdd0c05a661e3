package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

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

  /** The article id of a {@link #memberKey}. */
  public static String articleIdOf(String memberKey) {
    return memberKey.substring(8);
  }

  /**
   * Cuts a block, given its members' sort keys in order, into the grouping keys its members go to: {@code place}
   * gets (grouping key, member index) once per window holding the member. A block of at most {@code cap} members
   * keeps its own key; a larger one gets one key per window of {@link #windows}, "blockKey w previousLast", where
   * previousLast is the last sort key of window w-1 (empty for the first). A window's members can thus tell, from
   * the key alone, which of their pairs window w-1 holds too ({@link #previousWindowLast}).
   */
  public static void cut(String blockKey, List<String> sortedKeys, int cap, ObjIntConsumer<String> place) {
    int previousEnd = 0;
    List<int[]> windows = windows(sortedKeys.size(), cap);
    for (int w = 0; w < windows.size(); w++) {
      int[] win = windows.get(w);
      String key = windows.size() == 1 ? blockKey
          : blockKey + ' ' + w + ' ' + (w == 0 ? "" : sortedKeys.get(previousEnd - 1));
      for (int i = win[0]; i < win[1]; i++) {
        place.accept(key, i);
      }
      previousEnd = win[1];
    }
  }

  /** The block key a grouping key from {@link #cut} belongs to (block keys hold no space). */
  public static String blockOf(String groupingKey) {
    int space = groupingKey.indexOf(' ');
    return space < 0 ? groupingKey : groupingKey.substring(0, space);
  }

  /**
   * The last sort key of the window before the one named by {@code groupingKey}, or null when there is none (a whole
   * block, or the first window). A pair of window w whose two sort keys are both at or before it is held by window
   * w-1 too (window starts ascend), so it is compared there and not again.
   */
  public static String previousWindowLast(String groupingKey) {
    int first = groupingKey.indexOf(' ');
    if (first < 0) {
      return null;
    }
    int second = groupingKey.indexOf(' ', first + 1);
    return second + 1 == groupingKey.length() ? null : groupingKey.substring(second + 1);
  }
}
