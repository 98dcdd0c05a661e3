package dev.newsfold.entities;

import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;

/**
 * OpenNLP's UD POS model decoded greedily (best tag per token, left to right) instead of POSTaggerME's beam of 3:
 * one model evaluation per token instead of three. The name model is trained on the same greedy tags, so the
 * features agree between training and run time. Not thread-safe (the context generator caches).
 */
final class GreedyPosTagger {
  private final MaxentModel model;
  private final POSContextGenerator contexts;

  GreedyPosTagger(POSModel pos) {
    Object m = pos.getArtifact("pos.model");
    if (!(m instanceof MaxentModel maxent)) {
      throw new IllegalStateException("POS model is not a maxent model: " + m);
    }
    this.model = maxent;
    this.contexts = pos.getFactory().getPOSContextGenerator();
  }

  String[] tag(String[] words) {
    String[] tags = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      double[] probs = model.eval(contexts.getContext(i, words, tags, null));
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
