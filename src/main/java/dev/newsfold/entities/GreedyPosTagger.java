package dev.newsfold.entities;

import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;

/**
 * OpenNLP's UD POS model decoded greedily (best tag per token, left to right) instead of POSTaggerME's beam of 3:
 * one context per token instead of three. The maxent weights are copied into flat arrays behind a {@link TextTable}
 * and the best tag is the arg max of the summed weights (the softmax OpenNLP applies does not change the arg max),
 * so no exp() and no HashMap per context string. The name model is trained on the same greedy tags, so the
 * features agree between training and run time. Not thread-safe (the context generator caches).
 */
final class GreedyPosTagger {
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
      for (Map.Entry<String, Context> e : pmap.entrySet()) {
        int k = predicates.add(e.getKey());
        start[k] = at;
        int[] o = e.getValue().getOutcomes();
        double[] p = e.getValue().getParameters();
        System.arraycopy(o, 0, outcomes, at, o.length);
        System.arraycopy(p, 0, params, at, p.length);
        at += o.length;
        start[k + 1] = at;
      }
    }
  }

  private final Weights weights;
  private final POSContextGenerator contexts;
  private final FeatureText text = new FeatureText();
  private final double[] sums;

  GreedyPosTagger(POSModel pos) {
    this.weights = pos == OpenNlpModels.pos() ? Weights.POS : new Weights(pos);
    this.contexts = pos.getFactory().getPOSContextGenerator();
    this.sums = new double[weights.outcomeNames.length];
  }

  GreedyPosTagger() {
    this(OpenNlpModels.pos());
  }

  String[] tag(String[] words) {
    Weights w = weights;
    String[] tags = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      java.util.Arrays.fill(sums, 0);
      for (String c : contexts.getContext(i, words, tags, null)) {
        int k = w.predicates.get(text.set(c));
        if (k < 0) {
          continue;
        }
        for (int j = w.start[k], end = w.start[k + 1]; j < end; j++) {
          sums[w.outcomes[j]] += w.params[j];
        }
      }
      int best = 0;
      for (int o = 1; o < sums.length; o++) {
        if (sums[o] > sums[best]) {
          best = o;
        }
      }
      tags[i] = w.outcomeNames[best];
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
