package dev.newsfold.entities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token features for the name tagger: word identity and context window, shape, affixes, POS (OpenNLP's UD tags,
 * greedily decoded, the same tagger at training and run time), gazetteer membership and distributional word clusters.
 * The same code builds the features at training time (as Strings) and at run time (handed to a {@link Sink} in a
 * reused buffer and looked up by hash without allocating), so the two cannot drift apart.
 */
final class NerFeatures {
  static final String[] TYPES = {"PER", "ORG", "LOC", "MISC"};

  /** Receives each feature of a token; the sequence is only valid during the call. */
  interface Sink {
    void add(int token, FeatureText feature);

    /**
     * Called before the token's word-level features, which depend only on the word and its lower-cased form: a sink
     * that returns true has supplied them itself (a cache); otherwise they follow, then {@link #wordDone}.
     */
    default boolean wordFeatures(int token, String word, String low) {
      return false;
    }

    default void wordDone(int token) {}
  }

  /** Receives each document feature of a token of a sentence; the sequence is only valid during the call. */
  interface DocSink {
    void add(int sentence, int token, FeatureText feature);
  }

  private static final String[] PRE = {null, "pre1=", "pre2=", "pre3=", "pre4="};
  private static final String[] SUF = {null, "suf1=", "suf2=", "suf3=", "suf4="};
  private static final int[] CLUSTER_PREFIXES = {4, 8, 20};
  private static final String[][] CLUSTER = new String[3][3];
  /** Gazetteer codes (type + 4 * position) as features: here, on the previous token, on the next token. */
  private static final String[] GZ = new String[16];
  private static final String[] GZ_PREV = new String[16];
  private static final String[] GZ_NEXT = new String[16];
  private static final String[] GZ_SHAPE = new String[16];

  static {
    for (int d = -1; d <= 1; d++) {
      for (int p = 0; p < 3; p++) {
        CLUSTER[d + 1][p] = "c" + d + "_" + CLUSTER_PREFIXES[p] + "=";
      }
    }
    String parts = "BILU";
    for (int c = 0; c < 16; c++) {
      GZ[c] = "gz=" + parts.charAt(c / 4) + "-" + TYPES[c % 4];
      GZ_PREV[c] = "-1" + GZ[c];
      GZ_NEXT[c] = "+1" + GZ[c];
      GZ_SHAPE[c] = GZ[c] + "|s=";
    }
  }

  private NerFeatures() {}

  /** Normalises typography the training text does not have (curly quotes, long dashes). */
  static String normalize(String w) {
    int i = 0;
    while (i < w.length() && normalized(w.charAt(i)) == w.charAt(i)) {
      i++;
    }
    if (i == w.length()) {
      return w; // the common case: nothing to change, no copy
    }
    StringBuilder sb = new StringBuilder(w.length());
    for (int k = 0; k < w.length(); k++) {
      sb.append(normalized(w.charAt(k)));
    }
    return sb.toString();
  }

  private static char normalized(char c) {
    return switch (c) {
      case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb' -> '"';
      case '\u2018', '\u2019', '\u201a', '`' -> '\'';
      case '\u2013', '\u2014', '\u2010', '\u2011', '\u2212' -> '-';
      default -> c;
    };
  }

  static String shape(String w, boolean collapse) {
    StringBuilder sb = new StringBuilder(w.length());
    char last = 0;
    int run = 0;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      char m = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd'
          : Character.isLetter(c) ? 'x' : c;
      if (m == last) {
        run++;
        if (collapse ? run > 1 : run > 2) {
          continue;
        }
      } else {
        run = 1;
        last = m;
      }
      sb.append(m);
    }
    return sb.toString();
  }

  private static boolean isAllCaps(String w) {
    boolean letter = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      letter |= Character.isLetter(c);
    }
    return letter;
  }

  /** Lower case (root locale) with ASCII digits 1-9 mapped to 0. */
  static String lowerDigits(String w) {
    String low = w.toLowerCase(Locale.ROOT);
    boolean digit = false;
    for (int i = 0; i < low.length() && !digit; i++) {
      char c = low.charAt(i);
      digit = c >= '1' && c <= '9';
    }
    if (!digit) {
      return low;
    }
    char[] cs = low.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      if (cs[i] >= '1' && cs[i] <= '9') {
        cs[i] = '0';
      }
    }
    return new String(cs);
  }

  /** Builds features in one reused buffer and hands them to the sink. */
  private static final class Emitter {
    final FeatureText sb = new FeatureText();
    final Sink sink;

    Emitter(Sink sink) {
      this.sink = sink;
    }

    void add(int t, String a) {
      sink.add(t, sb.set(a));
    }

    void add(int t, String a, String b) {
      sink.add(t, sb.set(a).append(b));
    }

    void add(int t, String a, String b, String c) {
      sink.add(t, sb.set(a).append(b).append('|').append(c));
    }

    void add(int t, String a, String b, String c, String d) {
      sink.add(t, sb.set(a).append(b).append('|').append(c).append('|').append(d));
    }

    void prefix(int t, String name, String w, int k) {
      sink.add(t, sb.set(name).append(w, 0, k));
    }

    void suffix(int t, String name, String w, int k) {
      sink.add(t, sb.set(name).append(w, w.length() - k, w.length()));
    }
  }

  /** Features for every token of one sentence, as strings (training, tests). */
  @SuppressWarnings("unchecked")
  static List<String>[] extract(String[] words, String[] pos, Gazetteer gaz, Map<String, String> clusters) {
    List<String>[] out = new List[words.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = new ArrayList<>(64);
    }
    extract(words, pos, gaz, clusters, (t, f) -> out[t].add(f.toString()));
    return out;
  }

  /**
   * Features for every token of one sentence.
   *
   * @param words normalised tokens
   * @param pos POS tags, one per token, or null for a model without POS features
   */
  static void extract(String[] words, String[] pos, Gazetteer gaz, Map<String, String> clusters, Sink sink) {
    int n = words.length;
    String[] low = new String[n];
    String[] shp = new String[n];
    String[] cl = clusters.isEmpty() ? null : new String[n];
    boolean allCapsSentence = true;
    int letters = 0;
    for (int i = 0; i < n; i++) {
      low[i] = lowerDigits(words[i]);
      shp[i] = shape(words[i], false);
      if (cl != null) {
        cl[i] = clusters.get(words[i]);
        if (cl[i] == null) {
          cl[i] = clusters.get(low[i]);
        }
      }
      for (int k = 0; k < words[i].length(); k++) {
        char c = words[i].charAt(k);
        if (Character.isLetter(c)) {
          letters++;
          if (Character.isLowerCase(c)) {
            allCapsSentence = false;
          }
        }
      }
    }
    allCapsSentence &= letters > 3;
    for (int i = 0; i < n; i++) {
      // Acronyms keep their case ("UN" is not "Un", "US" is not "us"), except in all-capitals headlines.
      if (!allCapsSentence && words[i].length() > 1 && isAllCaps(words[i])) {
        low[i] = words[i];
      }
    }
    Emitter e = new Emitter(sink);
    String[] collapsed = new String[n];
    for (int i = 0; i < n; i++) {
      String w = words[i];
      String lw = low[i];
      collapsed[i] = shape(w, true);
      if (!sink.wordFeatures(i, w, lw)) {
        e.add(i, "b");
        e.add(i, "w=", w);
        e.add(i, "l=", lw);
        e.add(i, "s=", shp[i]);
        e.add(i, "ss=", collapsed[i]);
        for (int k = 1; k <= 4 && k <= lw.length(); k++) {
          e.prefix(i, PRE[k], lw, k);
          e.suffix(i, SUF[k], lw, k);
        }
        sink.wordDone(i);
      }
      String lPrev2 = i > 1 ? low[i - 2] : "<S>";
      String lPrev = i > 0 ? low[i - 1] : "<S>";
      String lNext = i + 1 < n ? low[i + 1] : "</S>";
      String lNext2 = i + 2 < n ? low[i + 2] : "</S>";
      String sPrev = i > 0 ? shp[i - 1] : "<S>";
      String sNext = i + 1 < n ? shp[i + 1] : "</S>";
      e.add(i, "l-2=", lPrev2);
      e.add(i, "l-1=", lPrev);
      e.add(i, "s-1=", sPrev);
      e.add(i, "l1=", lNext);
      e.add(i, "s1=", sNext);
      e.add(i, "l2=", lNext2);
      e.add(i, "l-1l=", lPrev, lw);
      e.add(i, "ll+1=", lw, lNext);
      e.add(i, "s-1s=", sPrev, shp[i]);
      e.add(i, "ss+1=", shp[i], sNext);
      e.add(i, "s-1ss+1=", sPrev, shp[i], sNext);
      if (pos != null) {
        String pPrev = i > 0 ? pos[i - 1] : "<S>";
        String pNext = i + 1 < n ? pos[i + 1] : "</S>";
        e.add(i, "p=", pos[i]);
        e.add(i, "p-1=", pPrev);
        e.add(i, "p1=", pNext);
        e.add(i, "p-1p=", pPrev, pos[i]);
        e.add(i, "pp+1=", pos[i], pNext);
        e.add(i, "ps=", pos[i], shp[i]);
      }
      if (i == 0) {
        e.add(i, "first|s=", shp[i]);
        e.add(i, "first|l=", lw);
      }
      if (allCapsSentence) {
        // Headlines in capitals: case says little, lean on the word itself.
        e.add(i, "caps|l=", lw);
        e.add(i, "caps|b");
      }
      if (cl != null) {
        for (int d = -1; d <= 1; d++) {
          int j = i + d;
          if (j < 0 || j >= n || cl[j] == null) {
            continue;
          }
          String c = cl[j];
          for (int p = 0; p < CLUSTER_PREFIXES.length; p++) {
            int len = CLUSTER_PREFIXES[p];
            if (c.length() >= len || len == 20) {
              e.prefix(i, CLUSTER[d + 1][p], c, Math.min(len, c.length()));
            }
          }
        }
      }
    }
    IntList[] gz = new IntList[n];
    for (int i = 0; i < n; i++) {
      gz[i] = new IntList(4);
    }
    gaz.match(words, gz);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < gz[i].n; k++) {
        e.add(i, GZ[gz[i].a[k]]);
        e.add(i, GZ_SHAPE[gz[i].a[k]], collapsed[i]);
      }
      if (i > 0) {
        for (int k = 0; k < gz[i - 1].n; k++) {
          e.add(i, GZ_PREV[gz[i - 1].a[k]]);
        }
      }
      if (i + 1 < n) {
        for (int k = 0; k < gz[i + 1].n; k++) {
          e.add(i, GZ_NEXT[gz[i + 1].a[k]]);
        }
      }
    }
  }

  private static final int DOC_TYPES = TYPES.length + 1; // index 0: outside any name
  private static final String[] DOC_PLUS = new String[DOC_TYPES];
  private static final String[] DOC = new String[DOC_TYPES];
  private static final String[][] DOC_FIRST = new String[DOC_TYPES][2];
  private static final String[] DOC_PREV = new String[DOC_TYPES];
  private static final String[] DOC_NEXT = new String[DOC_TYPES];
  /** NerModel.L, computed here: reading NerModel.L would make the two classes' initialisation circular. */
  private static final int LABELS = 1 + 4 * TYPES.length;
  private static final String[] P1 = new String[LABELS];
  /** P1_PREV[label][previous label + 1] (previous -1 at the sentence start). */
  private static final String[][] P1_PREV = new String[LABELS][LABELS + 1];

  static {
    for (int t = 0; t < DOC_TYPES; t++) {
      String name = t == 0 ? "O" : TYPES[t - 1];
      DOC_PLUS[t] = "doc+=" + name;
      DOC[t] = "doc=" + name;
      DOC_FIRST[t][0] = "doc=" + name + "|first=false";
      DOC_FIRST[t][1] = "doc=" + name + "|first=true";
      DOC_PREV[t] = "doc-1=" + name;
      DOC_NEXT[t] = "doc+1=" + name;
    }
    for (int y = 0; y < LABELS; y++) {
      P1[y] = "p1=" + y;
      for (int p = -1; p < LABELS; p++) {
        P1_PREV[y][p + 1] = "p1=" + y + "|" + p;
      }
    }
  }

  /** Document features appended to per-sentence, per-token string lists (training, tests). */
  static void addDocumentFeatures(List<String[]> words, List<int[]> labels, List<List<String>[]> feats) {
    addDocumentFeatures(words, labels, (s, t, f) -> feats.get(s)[t].add(f.toString()));
  }

  /**
   * Document-level features for a second pass: for each capitalised word, the types a first pass gave the same word
   * in the document's other sentences (names are used consistently within an article; a mention in an informative
   * context lends its type to the others, as in Ratinov and Roth's context aggregation).
   *
   * @param words normalised words of each sentence of one document
   * @param labels first-pass labels of each sentence
   */
  static void addDocumentFeatures(List<String[]> words, List<int[]> labels, DocSink docSink) {
    FeatureText text = new FeatureText();
    DocSinkOfStrings sink = (s, t, f) -> docSink.add(s, t, text.set(f));
    Map<String, int[]> total = new HashMap<>();
    List<Map<String, int[]>> perSentence = new ArrayList<>(words.size());
    for (int s = 0; s < words.size(); s++) {
      Map<String, int[]> own = new HashMap<>();
      String[] w = words.get(s);
      int[] y = labels.get(s);
      for (int i = 0; i < w.length; i++) {
        if (!capitalised(w[i])) {
          continue;
        }
        int t = NerModel.type(y[i]) + 1;
        own.computeIfAbsent(w[i], k -> new int[DOC_TYPES])[t]++;
        total.computeIfAbsent(w[i], k -> new int[DOC_TYPES])[t]++;
      }
      perSentence.add(own);
    }
    for (int s = 0; s < words.size(); s++) {
      String[] w = words.get(s);
      int[] major = new int[w.length];
      for (int i = 0; i < w.length; i++) {
        major[i] = -1;
        int[] all = total.get(w[i]);
        if (all == null) {
          continue;
        }
        int[] own = perSentence.get(s).get(w[i]);
        int best = -1;
        int bestCount = 0;
        for (int t = 0; t < DOC_TYPES; t++) {
          int c = all[t] - own[t];
          if (c > 0) {
            sink.add(s, i, DOC_PLUS[t]);
            if (c > bestCount) {
              best = t;
              bestCount = c;
            }
          }
        }
        if (best >= 0) {
          sink.add(s, i, DOC[best]);
          sink.add(s, i, DOC_FIRST[best][i == 0 ? 1 : 0]);
          major[i] = best;
        }
      }
      // Neighbours' document types: a word next to a known name part is often one too ("Kim Jong Un").
      // Plus the first pass's own label here (stacking): the second pass learns when to overrule it.
      int[] y = labels.get(s);
      for (int i = 0; i < w.length; i++) {
        sink.add(s, i, P1[y[i]]);
        sink.add(s, i, P1_PREV[y[i]][i > 0 ? y[i - 1] + 1 : 0]);
        if (i > 0 && major[i - 1] >= 0) {
          sink.add(s, i, DOC_PREV[major[i - 1]]);
        }
        if (i + 1 < w.length && major[i + 1] >= 0) {
          sink.add(s, i, DOC_NEXT[major[i + 1]]);
        }
      }
    }
  }

  private interface DocSinkOfStrings {
    void add(int sentence, int token, String feature);
  }

  private static boolean capitalised(String w) {
    return !w.isEmpty() && Character.isUpperCase(w.charAt(0));
  }
}
