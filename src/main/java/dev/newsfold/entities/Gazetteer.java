package dev.newsfold.entities;

import java.util.HashMap;
import java.util.Map;

/**
 * Phrase lists by entity type, matched case-sensitively over token sequences. Built from the training split's
 * annotated names (jackknifed while training so the feature is not a perfect oracle on the training data).
 */
final class Gazetteer {
  static final int MAX_LEN = 6;

  /** Marks a table entry that begins some longer phrase, so matching stops as soon as no phrase can continue. */
  private static final int PREFIX = 1 << 16;

  /** Phrase (tokens joined by a space) to a bit mask of type indexes (what the model file stores). */
  private final Map<String, Integer> phrases;
  /** Phrases and their token-boundary prefixes, probed with a reused buffer; value = type bits | PREFIX. */
  private final TextTable table;

  Gazetteer(Map<String, Integer> phrases) {
    this.phrases = phrases;
    this.table = new TextTable(phrases.size() * 2);
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(phrases).entrySet()) {
      index(e.getKey(), e.getValue());
    }
  }

  static Gazetteer empty() {
    return new Gazetteer(new HashMap<>());
  }

  Map<String, Integer> phrases() {
    return phrases;
  }

  void add(String phrase, int type) {
    phrases.merge(phrase, 1 << type, (a, b) -> a | b);
    index(phrase, 1 << type);
  }

  private void index(String phrase, int typeMask) {
    or(phrase, typeMask);
    for (int sp = phrase.indexOf(' '); sp > 0; sp = phrase.indexOf(' ', sp + 1)) {
      or(phrase.substring(0, sp), PREFIX);
    }
  }

  private void or(String key, int bits) {
    long v = table.get(key);
    table.put(key, (v == TextTable.ABSENT ? 0 : v) | bits);
  }

  /**
   * For each token, the codes (type + 4 * BILU position: 0=B, 1=I, 2=L, 3=U) of every listed phrase that covers it,
   * in the order the phrases are found (start token, then length, then type).
   *
   * @param out per-token code lists to append to
   */
  void match(String[] words, IntList[] out) {
    int n = words.length;
    FeatureText sb = new FeatureText();
    for (int i = 0; i < n; i++) {
      sb.clear();
      for (int len = 1; len <= MAX_LEN && i + len <= n; len++) {
        if (len > 1) {
          sb.append(' ');
        }
        sb.append(words[i + len - 1]);
        long v = table.get(sb);
        if (v == TextTable.ABSENT) {
          break;
        }
        int mask = (int) v;
        for (int t = 0; t < 4; t++) {
          if ((mask & (1 << t)) == 0) {
            continue;
          }
          if (len == 1) {
            out[i].add(t + 4 * 3);
          } else {
            out[i].add(t);
            for (int j = i + 1; j < i + len - 1; j++) {
              out[j].add(t + 4);
            }
            out[i + len - 1].add(t + 4 * 2);
          }
        }
        if ((mask & PREFIX) == 0) {
          break;
        }
      }
    }
  }
}
