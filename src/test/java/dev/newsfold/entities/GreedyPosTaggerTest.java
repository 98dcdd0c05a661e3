package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyPosTaggerTest {
  @Test
  void flatWeightsGiveTheTagsOpenNlpsOwnEvaluationGives() {
    GreedyPosTagger tagger = new GreedyPosTagger();
    int tokens = 0;
    for (String text : List.of(SeedTexts.BODY_000, SeedTexts.BODY_001, SeedTexts.TITLE_001)) {
      String[] words = NameTagger.normalize(
          NerTokenizer.tokenize(text).stream().map(Token::text).toArray(String[]::new));
      // Sentence-sized slices, as the recognizer feeds them.
      for (int from = 0; from < words.length; from += 40) {
        String[] s = java.util.Arrays.copyOfRange(words, from, Math.min(words.length, from + 40));
        assertArrayEquals(GreedyPosTagger.tagWithOpenNlp(OpenNlpModels.pos(), s), tagger.tag(s));
        tokens += s.length;
      }
    }
    assertTrue(tokens > 500);
  }

  @Test
  void agreesWithOpenNlpOnConllText() throws Exception {
    java.nio.file.Path testa =
        java.nio.file.Path.of(System.getProperty("newsfold.data", "../shared/data"), "conll2003", "eng.testa");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(testa),
        "CoNLL-2003 eng.testa not found at " + testa + "; skipping");
    GreedyPosTagger tagger = new GreedyPosTagger();
    int n = 0;
    for (Conll.Sentence s : Conll.read(testa)) {
      String[] words = NameTagger.normalize(s.words());
      assertArrayEquals(GreedyPosTagger.tagWithOpenNlp(OpenNlpModels.pos(), words), tagger.tag(words),
          String.join(" ", words));
      if (++n == 1500) {
        break;
      }
    }
  }
}
