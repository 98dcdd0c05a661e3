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
}
