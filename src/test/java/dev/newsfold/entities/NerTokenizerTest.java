package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NerTokenizerTest {
  private static List<String> words(String s) {
    return NerTokenizer.tokenize(s).stream().map(Token::text).toList();
  }

  @Test
  void keepsAbbreviationsHyphenatedNamesAndNumbersWhole() {
    assertEquals(List.of("The", "U.S.", "and", "Kim", "Jong-Un", "'s", "sister", "sent", "7,000", "containers", "."),
        words("The U.S. and Kim Jong-Un's sister sent 7,000 containers."));
    assertEquals(List.of("U.N.", "Security", "Council", "on", "1996-08-22", ",", "Mr.", "Smith", "said"),
        words("U.N. Security Council on 1996-08-22, Mr. Smith said"));
    assertEquals(List.of("a", "A$", "4.3", "million", "profit", ",", "US$", "5", "and", "$", "6"),
        words("a A$4.3 million profit, US$5 and $6"));
  }

  @Test
  void splitsCliticsAndPunctuationLikeTheTrainingText() {
    assertEquals(List.of("We", "do", "n't", "know", "O'Neill", "'s", "plan", "(", "R", ")", "\u201c", "absurd", "\u201d"),
        words("We don't know O'Neill's plan (R) \u201cabsurd\u201d"));
    assertEquals(List.of("Korea", "\u2019s", "leader", "--", "end", "..."), words("Korea\u2019s leader -- end..."));
  }

  @Test
  void knowsTheCliticsItSplitsOff() {
    for (String c : List.of("'s", "\u2019S", "'re", "'VE", "'ll", "'d", "\u2019m", "n't", "N\u2019T")) {
      assertEquals(true, NerTokenizer.isClitic(c), c);
    }
    for (String c : List.of("'", "s", "'t", "'em", "nt", "n't!", "''", "'ss")) {
      assertEquals(false, NerTokenizer.isClitic(c), c);
    }
    for (Token t : NerTokenizer.tokenize("We don't know if they're Korea's or I'd")) {
      assertEquals(List.of("n't", "'re", "'s", "'d").contains(t.text()), NerTokenizer.isClitic(t.text()), t.text());
    }
  }

  @Test
  void offsetsPointIntoTheText() {
    String s = "  Seoul: North Korea-supplied missiles";
    for (Token t : NerTokenizer.tokenize(s)) {
      assertEquals(t.text(), s.substring(t.start(), t.end()));
    }
    assertEquals(List.of("Seoul", ":", "North", "Korea-supplied", "missiles"), words(s));
  }
}
