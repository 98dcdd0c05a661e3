package dev.newsfold.entities;

import java.util.List;
import opennlp.tools.postag.POSTaggerME;

/**
 * Tags one tokenised sentence with BILOU name labels: normalise, POS-tag with OpenNLP, extract features, decode.
 * Not thread-safe (it owns a POSTaggerME); the model it reads is shared.
 */
final class NameTagger {
  private final NerModel model;
  private final POSTaggerME pos;

  NameTagger(NerModel model) {
    this.model = model;
    this.pos = new POSTaggerME(OpenNlpModels.pos());
  }

  static String[] normalize(String[] words) {
    String[] out = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      out[i] = NerFeatures.normalize(words[i]);
    }
    return out;
  }

  String[] pos(String[] normalized) {
    return pos.tag(normalized);
  }

  /** Labels for the (raw) words of one sentence. */
  int[] tag(String[] words) {
    String[] norm = normalize(words);
    return tag(norm, pos(norm));
  }

  int[] tag(String[] norm, String[] tags) {
    List<String>[] feats = NerFeatures.extract(norm, tags, model.gazetteer, model.clusters);
    return model.decode(model.index(feats));
  }
}
