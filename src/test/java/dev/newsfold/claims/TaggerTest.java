package dev.newsfold.claims;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaggerTest {
  private static final Tagger TAGGER = new Tagger();

  private static String[] tokens(String s) {
    return TAGGER.tag(s, 0, s.length(), 0).tokens;
  }

  @Test
  void keepsCliticsWithTheirWordAndTitlesWithTheirPeriod() {
    assertArrayEquals(new String[] {"Trump's", "aide", "Atty.", "Gen.", "Smith", "said", "it", "doesn't", "matter",
        "and", "I\u2019m", "sure", "."},
        tokens("Trump's aide Atty. Gen. Smith said it doesn't matter and I\u2019m sure."));
  }

  @Test
  void readsTwoApostrophesAsOneClosingQuoteMark() {
    assertArrayEquals(new String[] {"``", "We", "won", "?", "''", "he", "asked", "."},
        tokens("``We won?'' he asked."));
  }

  @Test
  void endsASentenceAtATwoApostropheQuoteMarkAndKeepsTheMarkWhole() {
    String text = "He paid $8 million, according to his book ''The Art of the Deal.'' Mr. Trump said a jet would "
        + "have cost more.\n''We won,'' he said.";
    List<String> sentences = TAGGER.sentences(text).stream()
        .map(TaggedSentence::sentence).toList();
    assertEquals(List.of("He paid $8 million, according to his book ''The Art of the Deal.''",
        "Mr. Trump said a jet would have cost more.", "''We won,'' he said."), sentences);
  }

  @Test
  void keepsNumbersAndHyphenatedWordsWholeWithOffsetsIntoTheText() {
    String text = "Intro. The four-day talks cost A$14.4 million, 1/2 of it.";
    TaggedSentence s = TAGGER.tag(text, 7, text.length(), 0);
    assertArrayEquals(new String[] {"The", "four-day", "talks", "cost", "A$", "14.4", "million", ",", "1/2", "of",
        "it", "."}, s.tokens);
    for (int i = 0; i < s.tokens.length; i++) {
      assertEquals(s.tokens[i], text.substring(s.starts[i], s.ends[i]));
    }
  }

  @Test
  void pluralPossessiveApostropheStaysWithItsWordUnlessASingleQuoteIsOpen() {
    assertArrayEquals(new String[] {"Jones'", "aide", "and", "the", "farmers\u2019", "union", "agreed", "."},
        tokens("Jones' aide and the farmers\u2019 union agreed."));
    // A closing single quote after a word in s is still a quote mark.
    assertArrayEquals(new String[] {"He", "called", "it", "'", "hopeless", "'", "and", "left", "."},
        tokens("He called it 'hopeless' and left."));
    assertArrayEquals(new String[] {"'", "The", "levies", "'", "go", "up", "."}, tokens("'The levies' go up."));
  }
}
