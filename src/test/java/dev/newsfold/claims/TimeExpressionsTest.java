package dev.newsfold.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class TimeExpressionsTest {
  @Test
  void findsDatesWeekdaysAndRelativeTimes() {
    assertEquals(List.of("since last year", "on May 16", "in March 2021", "Friday", "three years ago"),
        TimeExpressions.find("It has grown since last year, he said on May 16, and in March 2021 and Friday, "
            + "as three years ago."));
    assertEquals(List.of("yesterday", "by 2030"), TimeExpressions.find("They said yesterday it would end by 2030."));
    assertEquals(List.of(), TimeExpressions.find("North Korea's leader said the weapons were designed to attack."));
  }

  @Test
  void theCheapCheckNeverHidesAMatch() {
    String[] pieces = {"since", "in", "on", "last", "next", "this", "the past", "early", "mid-", "May", "Sept.",
        "January", "Dec", "Monday", "today", "tonight", "tomorrow", "years", "ago", "weekend", "fall", "evening",
        "16", "2021", "1990s", "3rd", ",", "said", "the", "leader", "containers", "about", "7,000"};
    Random r = new Random(3);
    int withTime = 0;
    for (int k = 0; k < 20000; k++) {
      StringBuilder b = new StringBuilder();
      for (int w = 1 + r.nextInt(6); w > 0; w--) {
        b.append(pieces[r.nextInt(pieces.length)]).append(r.nextInt(4) == 0 ? "" : " ");
      }
      String text = b.toString();
      List<String> direct = new ArrayList<>();
      Matcher m = TimeExpressions.TIME.matcher(text);
      while (m.find()) {
        direct.add(m.group().trim());
      }
      assertEquals(direct, TimeExpressions.find(text), text);
      withTime += direct.isEmpty() ? 0 : 1;
      if (!direct.isEmpty()) {
        assertTrue(TimeExpressions.mayHoldTime(text), text);
      }
    }
    assertTrue(withTime > 1000 && withTime < 19000, "both kinds of text drawn: " + withTime);
    assertFalse(TimeExpressions.mayHoldTime("the leader said the containers were shipped"));
  }
}
