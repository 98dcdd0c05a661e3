package dev.newsfold.entities;

import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * OpenNLP's UD POS model decoded greedily (best tag per token, left to right) instead of POSTaggerME's beam of 3:
 * one context per token instead of three, and the context added from per-word caches without Strings. The maxent weights are copied into flat arrays behind a {@link TextTable}
 * and the best tag is the arg max of the summed weights (the softmax OpenNLP applies does not change the arg max),
 * so no exp() and no HashMap per context string. The name model is trained on the same greedy tags, so the
 * features agree between training and run time. Not thread-safe (reused buffers); the weights are shared.
 */
public final class GreedyPosTagger {
  /** The shared, immutable flattened weights (built once per JVM). */
  private static final class Weights {
    static final Weights POS = new Weights(OpenNlpModels.pos());

    final TextTable predicates;
    /** Predicate k's weights are params[start[k] .. start[k + 1]) for outcomes outcomes[same range]. */
    final int[] start;
    final int[] outcomes;
    final double[] params;
    final String[] outcomeNames;

    Weights(POSModel pos) {
      Object m = pos.getArtifact("pos.model");
      if (!(m instanceof AbstractModel model)) {
        throw new IllegalStateException("POS model is not an OpenNLP maxent model: " + m);
      }
      Object[] data = model.getDataStructures();
      @SuppressWarnings("unchecked")
      Map<String, Context> pmap = new TreeMap<>((Map<String, Context>) data[1]);
      outcomeNames = ((String[]) data[2]).clone();
      predicates = new TextTable(pmap.size());
      start = new int[pmap.size() + 1];
      int total = 0;
      for (Context c : pmap.values()) {
        total += c.getOutcomes().length;
      }
      outcomes = new int[total];
      params = new double[total];
      int at = 0;
      int k = 0;
      for (Map.Entry<String, Context> e : pmap.entrySet()) {
        predicates.put(e.getKey(), k);
        start[k] = at;
        int[] o = e.getValue().getOutcomes();
        double[] p = e.getValue().getParameters();
        System.arraycopy(o, 0, outcomes, at, o.length);
        System.arraycopy(p, 0, params, at, p.length);
        at += o.length;
        start[k + 1] = at;
        k++;
      }
      if (predicates.size() != pmap.size()) {
        throw new IllegalStateException("POS predicate hash collision");
      }
    }
  }

  private final Weights weights;
  private final FeatureText text = new FeatureText();
  private final double[] sums;
  /** Predicate ids of the sentence-begin features of positions 0, 1 and 2. */
  private final int[] begin;

  GreedyPosTagger(POSModel pos) {
    this.weights = pos == OpenNlpModels.pos() ? Weights.POS : new Weights(pos);
    this.sums = new double[weights.outcomeNames.length];
    int tags = weights.outcomeNames.length;
    this.previousTag = new int[tags];
    this.previousTwoTags = new int[tags * tags];
    java.util.Arrays.fill(previousTag, -2);
    java.util.Arrays.fill(previousTwoTags, -2);
    this.begin = new int[] {id(text.set("S=begin")), id(text.set("p1S=begin")), id(text.set("p2S=begin"))};
  }

  public GreedyPosTagger() {
    this(OpenNlpModels.pos());
  }

  /** Words seen (bounded; emptied when full): the lookups that depend on the word alone are done once. */
  private static final int CACHE_LIMIT = 50_000;

  private final java.util.HashMap<String, Word> cache = new java.util.HashMap<>();

  /**
   * What tagging needs of a word alone: the summed weights of its leading features (def, suf=, pre=, w=, which
   * come first in the context, so starting from this sum adds the same numbers in the same order as adding them one
   * by one), the predicate ids (-1: unknown) of the features it gives its neighbours (p1w=, p2w=, n1w=, n2w=) and of
   * its trailing features (wc=, w&c=).
   */
  private record Word(double[] head, int p1, int p2, int n1, int n2, int[] tail) {}

  /** Predicate ids of "t=" + tag and "t2=" + tag + "," + tag, by outcome index; filled as met (-2: not yet). */
  private final int[] previousTag;
  private final int[] previousTwoTags;

  private int id(FeatureText f) {
    long v = weights.predicates.get(f);
    return v == TextTable.ABSENT ? -1 : (int) v;
  }

  private Word word(String w) {
    Word x = cache.get(w);
    if (x != null) {
      return x;
    }
    FeatureText f = text;
    String low = StringUtil.toLowerCase(w);
    String cls = FeatureGeneratorUtil.tokenFeature(w);
    int len = w.length();
    java.util.Arrays.fill(sums, 0);
    add(id(f.set("def")));
    for (int k = 1; k <= 4 && k <= len; k++) {
      add(id(f.set("suf=").append(w, len - k, len)));
    }
    for (int k = 1; k <= 4 && k <= len; k++) {
      add(id(f.set("pre=").append(w, 0, k)));
    }
    add(id(f.set("w=").append(low)));
    int[] tail = {id(f.set("wc=").append(cls)), id(f.set("w&c=").append(low).append(',').append(cls))};
    x = new Word(sums.clone(), id(f.set("p1w=").append(low)), id(f.set("p2w=").append(low)),
        id(f.set("n1w=").append(low)), id(f.set("n2w=").append(low)), tail);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(w, x);
    return x;
  }

  private void add(int k) {
    if (k < 0) {
      return;
    }
    Weights w = weights;
    for (int j = w.start[k], end = w.start[k + 1]; j < end; j++) {
      sums[w.outcomes[j]] += w.params[j];
    }
  }

  private int previousTag(int t) {
    if (previousTag[t] == -2) {
      previousTag[t] = id(text.set("t=").append(weights.outcomeNames[t]));
    }
    return previousTag[t];
  }

  private int previousTwoTags(int t2, int t1) {
    int k = t2 * weights.outcomeNames.length + t1;
    if (previousTwoTags[k] == -2) {
      previousTwoTags[k] = id(text.set("t2=").append(weights.outcomeNames[t2]).append(',')
          .append(weights.outcomeNames[t1]));
    }
    return previousTwoTags[k];
  }

  /**
   * Greedy tags. The context is the one the model's feature generator descriptor (generator.featuregen in the model:
   * definition, suffixes and prefixes 1-4, lower-cased tokens in a +-2 window, sentence begin in a +-2 window, token
   * class, token and class, previous one and two tags) produces, added here in the same order from per-word caches
   * instead of through OpenNLP's generators (which rebuild each word's strings five times, once per window position);
   * {@code GreedyPosTaggerTest} checks the tags against OpenNLP's own context generator and model.
   */
  public String[] tag(String[] words) {
    int n = words.length;
    Word[] ws = new Word[n];
    for (int i = 0; i < n; i++) {
      ws[i] = word(words[i]);
    }
    int[] best = new int[n];
    String[] tags = new String[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ws[i].head, 0, sums, 0, sums.length); // def, suf=, pre=, w=
      if (i > 0) {
        add(ws[i - 1].p1);
      }
      if (i > 1) {
        add(ws[i - 2].p2);
      }
      if (i + 1 < n) {
        add(ws[i + 1].n1);
      }
      if (i + 2 < n) {
        add(ws[i + 2].n2);
      }
      if (i < 3) {
        add(begin[i]);
      }
      add(ws[i].tail[0]); // wc=
      add(ws[i].tail[1]); // w&c=
      if (i > 0) {
        add(previousTag(best[i - 1]));
      }
      if (i > 1) {
        add(previousTwoTags(best[i - 2], best[i - 1]));
      }
      int b = 0;
      for (int o = 1; o < sums.length; o++) {
        if (sums[o] > sums[b]) {
          b = o;
        }
      }
      best[i] = b;
      tags[i] = weights.outcomeNames[b];
    }
    return tags;
  }

  /** The same greedy decoding through OpenNLP's own model evaluation (for tests: the flat copy must agree). */
  static String[] tagWithOpenNlp(POSModel pos, String[] words) {
    MaxentModel model = pos.getArtifact("pos.model");
    POSContextGenerator cg = pos.getFactory().getPOSContextGenerator();
    String[] tags = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      double[] probs = model.eval(cg.getContext(i, words, tags, null));
      int best = 0;
      for (int k = 1; k < probs.length; k++) {
        if (probs[k] > probs[best]) {
          best = k;
        }
      }
      tags[i] = model.getOutcome(best);
    }
    return tags;
  }
}
