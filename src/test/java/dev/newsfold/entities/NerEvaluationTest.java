package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped model on CoNLL-2003 eng.testa (skipped when ../shared/data is absent). */
class NerEvaluationTest {
  @Test
  void shippedModelReachesTheF1GoalOnTesta() throws Exception {
    Path testa = Path.of(System.getProperty("newsfold.data", "../shared/data"), "conll2003", "eng.testa");
    assumeTrue(Files.exists(testa), "CoNLL-2003 eng.testa not found at " + testa + "; skipping the NER evaluation");
    List<Conll.Sentence> sentences = Conll.read(testa);
    List<String[]> words = new ArrayList<>();
    sentences.forEach(s -> words.add(s.words()));
    int[] doc = Conll.documents(words);
    NameTagger tagger = new NameTagger(EntityRecognizer.model());
    NerScore score = new NerScore();
    int start = 0;
    for (int i = 1; i <= words.size(); i++) {
      if (i < words.size() && doc[i] == doc[start]) {
        continue;
      }
      List<int[]> labels = tagger.tagDocument(words.subList(start, i));
      for (int k = start; k < i; k++) {
        score.add(sentences.get(k).spans(), NerModel.spans(labels.get(k - start)));
      }
      start = i;
    }
    assertTrue(score.overallF1() >= 0.90, score.report());
  }
}
