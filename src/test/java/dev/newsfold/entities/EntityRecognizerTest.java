package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityRecognizerTest {
  private final EntityRecognizer recognizer = EntityRecognizer.load();

  @Test
  void emptyAndBlankTextsHaveNoMentions() {
    assertTrue(recognizer.find("").isEmpty());
    assertTrue(recognizer.find(null).isEmpty());
    assertTrue(recognizer.find(" \n\n \r\n").isEmpty());
  }

  @Test
  void offsetsHoldAcrossLinesCrlfAndEmoji() {
    String text = "\uD83D\uDE00 Angela Merkel met Emmanuel Macron in Berlin.\r\n\r\nThe European Commission said "
        + "on Monday that Germany and France agreed.";
    List<Mention> ms = recognizer.find(text);
    for (Mention m : ms) {
      assertEquals(m.text(), text.substring(m.start(), m.end()));
    }
    List<String> found = ms.stream().map(m -> m.type() + ":" + m.text()).toList();
    assertTrue(found.contains("PERSON:Angela Merkel"), found.toString());
    assertTrue(found.contains("LOCATION:Berlin"), found.toString());
    assertTrue(found.contains("ORGANIZATION:European Commission"), found.toString());
    assertTrue(found.contains("LOCATION:Germany"), found.toString());
  }

  @Test
  void aLongRunOnLineIsTaggedInPieces() {
    String text = "Paris and London , ".repeat(300);
    List<Mention> ms = recognizer.find(text);
    assertTrue(ms.size() > 300, "found " + ms.size());
  }
}
