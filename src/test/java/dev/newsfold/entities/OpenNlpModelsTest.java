package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import opennlp.tools.tokenize.TokenizerME;
import org.junit.jupiter.api.Test;

class OpenNlpModelsTest {
  @Test
  void alphaNumericWholeTokenizerSplitsPunctuationAsTheModelDoes() {
    assertFalse(OpenNlpModels.tokenizer().useAlphaNumericOptimization());
    assertTrue(OpenNlpModels.tokenizerAlphaNumericWhole().useAlphaNumericOptimization());
    String text = "Trump's rally in Ohio drew 5,000 people, officials said on Tuesday. \"It won't stop,\" he said.";
    String[] plain = new TokenizerME(OpenNlpModels.tokenizer()).tokenize(text);
    String[] fast = new TokenizerME(OpenNlpModels.tokenizerAlphaNumericWhole()).tokenize(text);
    assertArrayEquals(plain, fast);
    // Punctuation still comes off words; this UD model keeps clitics on ("Trump's", "won't").
    assertArrayEquals(new String[] {"Trump's", "rally", "in", "Ohio", "drew", "5,000", "people", ",", "officials",
        "said", "on", "Tuesday", ".", "\"", "It", "won't", "stop", ",", "\"", "he", "said", "."}, fast);
  }
}
