package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped model on CoNLL-2003 eng.testa (skipped when ../shared/data is absent). */
class NerEvaluationTest {
  @Test
  void shippedModelReachesTheF1GoalOnTesta() throws Exception {
    Path testa = Path.of(System.getProperty("newsfold.data", "../shared/data"), "conll2003", "eng.testa");
    assumeTrue(Files.exists(testa), "CoNLL-2003 eng.testa not found at " + testa + "; skipping the NER evaluation");
    NerScore score = NerEvaluation.score(new NameTagger(EntityRecognizer.model()), Conll.read(testa)).score;
    assertTrue(score.overallF1() >= 0.90, score.report());
  }
}
