package dev.newsfold.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token features for the name tagger: word identity and context window, shape, affixes, POS (OpenNLP's UD tags, the
 * same tagger at training and run time), gazetteer membership and distributional word clusters. The same code builds
 * the features at training and at run time, so the two cannot drift apart.
 */
final class NerFeatures {
  static final String[] TYPES = {"PER", "ORG", "LOC", "MISC"};

  private NerFeatures() {}

  /** Normalises typography the training text does not have (curly quotes, long dashes). */
  static String normalize(String w) {
    StringBuilder sb = new StringBuilder(w.length());
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      switch (c) {
        case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb' -> sb.append('"');
        case '\u2018', '\u2019', '\u201a', '`' -> sb.append('\'');
        case '\u2013', '\u2014', '\u2010', '\u2011', '\u2212' -> sb.append('-');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String shape(String w, boolean collapse) {
    StringBuilder sb = new StringBuilder();
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

  private static String lowerDigits(String w) {
    return w.toLowerCase(Locale.ROOT).replaceAll("[0-9]", "0");
  }

  /**
   * Features for every token of one sentence.
   *
   * @param words normalised tokens
   * @param pos POS tags, one per token
   */
  @SuppressWarnings("unchecked")
  static List<String>[] extract(String[] words, String[] pos, Gazetteer gaz, Map<String, String> clusters) {
    int n = words.length;
    String[] low = new String[n];
    String[] shp = new String[n];
    String[] cl = new String[n];
    boolean allCapsSentence = true;
    int letters = 0;
    for (int i = 0; i < n; i++) {
      low[i] = lowerDigits(words[i]);
      shp[i] = shape(words[i], false);
      cl[i] = clusters.get(words[i]);
      if (cl[i] == null) {
        cl[i] = clusters.get(low[i]);
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
    List<String>[] out = new List[n];
    for (int i = 0; i < n; i++) {
      List<String> f = new ArrayList<>(80);
      out[i] = f;
      String w = words[i];
      f.add("b");
      f.add("w=" + w);
      f.add("l=" + low[i]);
      f.add("s=" + shp[i]);
      f.add("ss=" + shape(w, true));
      f.add("p=" + pos[i]);
      String lw = low[i];
      for (int k = 1; k <= 4 && k <= lw.length(); k++) {
        f.add("pre" + k + "=" + lw.substring(0, k));
        f.add("suf" + k + "=" + lw.substring(lw.length() - k));
      }
      for (int d = -2; d <= 2; d++) {
        if (d == 0) {
          continue;
        }
        int j = i + d;
        String lj = j < 0 ? "<S>" : j >= n ? "</S>" : low[j];
        f.add("l" + d + "=" + lj);
        if (Math.abs(d) == 1) {
          String sj = j < 0 ? "<S>" : j >= n ? "</S>" : shp[j];
          String pj = j < 0 ? "<S>" : j >= n ? "</S>" : pos[j];
          f.add("s" + d + "=" + sj);
          f.add("p" + d + "=" + pj);
        }
      }
      String lPrev = i > 0 ? low[i - 1] : "<S>";
      String lNext = i + 1 < n ? low[i + 1] : "</S>";
      String sPrev = i > 0 ? shp[i - 1] : "<S>";
      String sNext = i + 1 < n ? shp[i + 1] : "</S>";
      f.add("l-1l=" + lPrev + "|" + lw);
      f.add("ll+1=" + lw + "|" + lNext);
      f.add("s-1s=" + sPrev + "|" + shp[i]);
      f.add("ss+1=" + shp[i] + "|" + sNext);
      f.add("s-1ss+1=" + sPrev + "|" + shp[i] + "|" + sNext);
      f.add("p-1p=" + (i > 0 ? pos[i - 1] : "<S>") + "|" + pos[i]);
      f.add("pp+1=" + pos[i] + "|" + (i + 1 < n ? pos[i + 1] : "</S>"));
      f.add("ps=" + pos[i] + "|" + shp[i]);
      if (i == 0) {
        f.add("first|s=" + shp[i]);
        f.add("first|l=" + lw);
      }
      if (allCapsSentence) {
        // Headlines in capitals: case says little, lean on the word itself.
        f.add("caps|l=" + lw);
        f.add("caps|b");
      }
      for (int d = -1; d <= 1; d++) {
        int j = i + d;
        if (j < 0 || j >= n || cl[j] == null) {
          continue;
        }
        String c = cl[j];
        for (int p : new int[] {4, 8, 20}) {
          if (c.length() >= p || p == 20) {
            f.add("c" + d + "_" + p + "=" + c.substring(0, Math.min(p, c.length())));
          }
        }
      }
    }
    List<String>[] gz = new List[n];
    for (int i = 0; i < n; i++) {
      gz[i] = new ArrayList<>(4);
    }
    gaz.features(words, gz, TYPES);
    for (int i = 0; i < n; i++) {
      out[i].addAll(gz[i]);
      for (String g : gz[i]) {
        out[i].add(g + "|s=" + shape(words[i], true));
      }
      if (i > 0) {
        for (String g : gz[i - 1]) {
          out[i].add("-1" + g);
        }
      }
      if (i + 1 < n) {
        for (String g : gz[i + 1]) {
          out[i].add("+1" + g);
        }
      }
    }
    return out;
  }

  /**
   * Document-level features for a second pass: for each capitalised word, the types a first pass gave the same word
   * in the document's other sentences (names are used consistently within an article; a mention in an informative
   * context lends its type to the others, as in Ratinov and Roth's context aggregation).
   *
   * @param words normalised words of each sentence of one document
   * @param labels first-pass labels of each sentence
   * @param feats per-sentence, per-token feature lists to append to
   */
  static void addDocumentFeatures(List<String[]> words, List<int[]> labels, List<List<String>[]> feats) {
    int types = TYPES.length + 1; // index 0: outside any name
    Map<String, int[]> total = new java.util.HashMap<>();
    List<Map<String, int[]>> perSentence = new ArrayList<>();
    for (int s = 0; s < words.size(); s++) {
      Map<String, int[]> own = new java.util.HashMap<>();
      String[] w = words.get(s);
      int[] y = labels.get(s);
      for (int i = 0; i < w.length; i++) {
        if (!capitalised(w[i])) {
          continue;
        }
        int t = NerModel.type(y[i]) + 1;
        own.computeIfAbsent(w[i], k -> new int[types])[t]++;
        total.computeIfAbsent(w[i], k -> new int[types])[t]++;
      }
      perSentence.add(own);
    }
    for (int s = 0; s < words.size(); s++) {
      String[] w = words.get(s);
      List<String>[] f = feats.get(s);
      String[] major = new String[w.length];
      for (int i = 0; i < w.length; i++) {
        int[] all = total.get(w[i]);
        if (all == null) {
          continue;
        }
        int[] own = perSentence.get(s).get(w[i]);
        int best = -1;
        int bestCount = 0;
        for (int t = 0; t < types; t++) {
          int c = all[t] - own[t];
          if (c > 0) {
            String name = t == 0 ? "O" : TYPES[t - 1];
            f[i].add("doc+=" + name);
            if (c > bestCount) {
              best = t;
              bestCount = c;
            }
          }
        }
        if (best >= 0) {
          String name = best == 0 ? "O" : TYPES[best - 1];
          f[i].add("doc=" + name);
          f[i].add("doc=" + name + "|first=" + (i == 0));
          major[i] = name;
        }
      }
      // Neighbours' document types: a word next to a known name part is often one too ("Kim Jong Un").
      // Plus the first pass's own label here (stacking): the second pass learns when to overrule it.
      int[] y = labels.get(s);
      for (int i = 0; i < w.length; i++) {
        f[i].add("p1=" + y[i]);
        f[i].add("p1=" + y[i] + "|" + (i > 0 ? y[i - 1] : -1));
        if (i > 0 && major[i - 1] != null) {
          f[i].add("doc-1=" + major[i - 1]);
        }
        if (i + 1 < w.length && major[i + 1] != null) {
          f[i].add("doc+1=" + major[i + 1]);
        }
      }
    }
  }

  private static boolean capitalised(String w) {
    return !w.isEmpty() && Character.isUpperCase(w.charAt(0));
  }
}
