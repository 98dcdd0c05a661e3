package dev.newsfold.entities;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Tags the tokenised sentences of one document with BILOU name labels: normalise, extract features, decode twice
 * (the second pass adds document features built from the first). Features are looked up as they are built, without
 * creating Strings: the first-pass ids and the second-pass ids of each base feature come from one table probe.
 * Holds no state between calls; the model it reads is shared.
 */
final class NameTagger {
  private final NerModel model;
  private final GreedyPosTagger pos;

  NameTagger(NerModel model) {
    this.model = model;
    this.pos = Boolean.getBoolean("nopos") ? null : new GreedyPosTagger();
  }

  static String[] normalize(String[] words) {
    String[] out = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      out[i] = NerFeatures.normalize(words[i]);
    }
    return out;
  }

  /** Labels for the (raw) words of one sentence, taken as a document of its own. */
  int[] tag(String[] words) {
    return tagDocument(Collections.singletonList(words)).get(0);
  }

  /** Labels for the (raw) words of each sentence of one document. */
  List<int[]> tagDocument(List<String[]> sentences) {
    List<String[]> norms = new ArrayList<>(sentences.size());
    List<String[]> tags = new ArrayList<>(sentences.size());
    for (String[] s : sentences) {
      String[] norm = normalize(s);
      norms.add(norm);
      tags.add(pos == null ? null : pos.tag(norm));
    }
    return tagDocument(model, norms, tags);
  }

  /** One sentence's feature ids for both passes, filled as features are built. */
  private static final class Ids {
    final int[][] first;
    final int[] firstCount;
    final int[][] second;
    final int[] secondCount;

    Ids(int n) {
      first = new int[n][64];
      firstCount = new int[n];
      second = new int[n][80];
      secondCount = new int[n];
    }

    void addFirst(int t, int id) {
      if (firstCount[t] == first[t].length) {
        first[t] = java.util.Arrays.copyOf(first[t], first[t].length * 2);
      }
      first[t][firstCount[t]++] = id;
    }

    void addSecond(int t, int id) {
      if (secondCount[t] == second[t].length) {
        second[t] = java.util.Arrays.copyOf(second[t], second[t].length * 2);
      }
      second[t][secondCount[t]++] = id;
    }
  }

  /** Both passes over the normalised sentences of one document. */
  static List<int[]> tagDocument(NerModel model, List<String[]> norms, List<String[]> tags) {
    TextTable table = model.table;
    List<Ids> all = new ArrayList<>(norms.size());
    List<int[]> first = new ArrayList<>(norms.size());
    for (int s = 0; s < norms.size(); s++) {
      String[] words = norms.get(s);
      Ids ids = new Ids(words.length);
      NerFeatures.extract(words, tags.get(s), model.gazetteer, model.clusters, (t, f) -> {
        long v = table.get(f);
        if (v != TextTable.ABSENT) {
          int a = NerModel.firstId(v);
          int b = NerModel.secondId(v);
          if (a >= 0) {
            ids.addFirst(t, a);
          }
          if (b >= 0) {
            ids.addSecond(t, b);
          }
        }
      });
      all.add(ids);
      first.add(NerModel.viterbi(ids.first, ids.firstCount, model.weights, model.trans));
    }
    if (model.docStage == null) {
      return first;
    }
    NerFeatures.addDocumentFeatures(norms, first, (s, t, f) -> {
      long v = table.get(f);
      if (v != TextTable.ABSENT && NerModel.secondId(v) >= 0) {
        all.get(s).addSecond(t, NerModel.secondId(v));
      }
    });
    List<int[]> second = new ArrayList<>(norms.size());
    for (Ids ids : all) {
      second.add(NerModel.viterbi(ids.second, ids.secondCount, model.docStage.weights, model.docStage.trans));
    }
    return second;
  }
}
