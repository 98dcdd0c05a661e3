package dev.newsfold.entities;

import java.util.ArrayList;
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

  /** Labels for the (raw) words of one sentence, taken as a document of its own. */
  int[] tag(String[] words) {
    return tagDocument(java.util.Collections.singletonList(words)).get(0);
  }

  /** Labels for the (raw) words of each sentence of one document. */
  List<int[]> tagDocument(List<String[]> sentences) {
    List<String[]> norms = new ArrayList<>(sentences.size());
    List<String[]> tags = new ArrayList<>(sentences.size());
    for (String[] s : sentences) {
      String[] norm = normalize(s);
      norms.add(norm);
      tags.add(pos(norm));
    }
    return tagDocument(model, norms, tags);
  }

  /** Both passes over normalised, POS-tagged sentences of one document. */
  static List<int[]> tagDocument(NerModel model, List<String[]> norms, List<String[]> tags) {
    List<List<String>[]> feats = new ArrayList<>(norms.size());
    List<int[]> first = new ArrayList<>(norms.size());
    for (int s = 0; s < norms.size(); s++) {
      List<String>[] f = NerFeatures.extract(norms.get(s), tags.get(s), model.gazetteer, model.clusters);
      feats.add(f);
      first.add(model.decode(model.index(f)));
    }
    if (model.docStage == null) {
      return first;
    }
    NerFeatures.addDocumentFeatures(norms, first, feats);
    List<int[]> second = new ArrayList<>(norms.size());
    for (List<String>[] f : feats) {
      second.add(model.docStage.decode(model.docStage.index(f)));
    }
    return second;
  }
}
