package dev.newsfold.entities;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phrase lists by entity type, matched case-sensitively over token sequences. Built from the training split's
 * annotated names (jackknifed while training so the feature is not a perfect oracle on the training data).
 */
final class Gazetteer {
  static final int MAX_LEN = 6;

  /** Phrase (tokens joined by a space) to a bit mask of type indexes. */
  private final Map<String, Integer> phrases;

  Gazetteer(Map<String, Integer> phrases) {
    this.phrases = phrases;
  }

  static Gazetteer empty() {
    return new Gazetteer(new HashMap<>());
  }

  Map<String, Integer> phrases() {
    return phrases;
  }

  void add(String phrase, int type) {
    phrases.merge(phrase, 1 << type, (a, b) -> a | b);
  }

  /**
   * For each token, features naming the type and BILU position of every listed phrase that covers it.
   *
   * @param out per-token lists to append features to
   */
  void features(String[] words, List<String>[] out, String[] typeNames) {
    int n = words.length;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.setLength(0);
      for (int len = 1; len <= MAX_LEN && i + len <= n; len++) {
        if (len > 1) {
          sb.append(' ');
        }
        sb.append(words[i + len - 1]);
        Integer mask = phrases.get(sb.toString());
        if (mask == null) {
          continue;
        }
        for (int t = 0; t < typeNames.length; t++) {
          if ((mask & (1 << t)) == 0) {
            continue;
          }
          String ty = typeNames[t];
          if (len == 1) {
            out[i].add("gz=U-" + ty);
          } else {
            out[i].add("gz=B-" + ty);
            for (int k = i + 1; k < i + len - 1; k++) {
              out[k].add("gz=I-" + ty);
            }
            out[i + len - 1].add("gz=L-" + ty);
          }
        }
      }
    }
  }
}
