package dev.newsfold.entities;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags the tokenised sentences of one document with BILOU name labels: normalise, extract features, decode twice
 * (the second pass adds document features built from the first). Features are looked up as they are built, without
 * creating Strings: the first-pass ids and the second-pass ids of each base feature come from one table probe.
 * Not thread-safe (buffers and bounded word caches of its own); the model it reads is shared.
 */
final class NameTagger {
  private final NerModel model;
  private final GreedyPosTagger pos;

  NameTagger(NerModel model) {
    this.model = model;
    this.pos = new GreedyPosTagger();
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
      tags.add(pos.tag(norm));
    }
    return tagDocument(norms, tags);
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

  /** Words seen (bounded; emptied when full): their word-level feature lookups are done once. */
  private static final int CACHE_LIMIT = 50_000;

  /** Word to the looked-up values of its word-level features, for the word's two possible lower-cased forms. */
  private final Map<String, long[]> wordsAsLowered = new HashMap<>();
  private final Map<String, long[]> wordsKeptCase = new HashMap<>();

  /** Looks features up as they are built and files their ids for both passes; caches word-level features. */
  private final class Lookup implements NerFeatures.Sink {
    Ids ids;
    private final long[] recorded = new long[64];
    private static final int IDLE = -1;
    private static final int OVERFLOW = -2;
    private int recordedCount = IDLE;
    private Map<String, long[]> pendingMap;
    private String pendingWord;

    @Override
    public void add(int t, FeatureText f) {
      long v = model.table.get(f);
      if (v == TextTable.ABSENT) {
        return;
      }
      if (recordedCount >= 0) {
        // More word-level features than the buffer holds (never with the current features): do not cache.
        recordedCount = recordedCount < recorded.length ? recordedCount : OVERFLOW;
        if (recordedCount >= 0) {
          recorded[recordedCount++] = v;
        }
      }
      file(t, v);
    }

    private void file(int t, long v) {
      int a = NerModel.firstId(v);
      int b = NerModel.secondId(v);
      if (a >= 0) {
        ids.addFirst(t, a);
      }
      if (b >= 0) {
        ids.addSecond(t, b);
      }
    }

    @Override
    public boolean wordFeatures(int t, String word, String low) {
      Map<String, long[]> map = low.equals(word) ? wordsKeptCase : wordsAsLowered;
      long[] cached = map.get(word);
      if (cached != null) {
        for (long v : cached) {
          file(t, v);
        }
        return true;
      }
      pendingMap = map;
      pendingWord = word;
      recordedCount = 0;
      return false;
    }

    @Override
    public void wordDone(int t) {
      if (recordedCount >= 0) {
        if (pendingMap.size() >= CACHE_LIMIT) {
          pendingMap.clear();
        }
        pendingMap.put(pendingWord, java.util.Arrays.copyOf(recorded, recordedCount));
      }
      recordedCount = IDLE;
    }
  }

  private final Lookup lookup = new Lookup();

  /** Both passes over the normalised sentences of one document. */
  List<int[]> tagDocument(List<String[]> norms, List<String[]> tags) {
    TextTable table = model.table;
    List<Ids> all = new ArrayList<>(norms.size());
    List<int[]> first = new ArrayList<>(norms.size());
    for (int s = 0; s < norms.size(); s++) {
      String[] words = norms.get(s);
      Ids ids = new Ids(words.length);
      lookup.ids = ids;
      NerFeatures.extract(words, tags.get(s), model.gazetteer, model.clusters, lookup);
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
