package dev.newsfold.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuantityExtractorTest {
  private static QuantityExtractor extractor;

  @BeforeAll
  static void load() { extractor = QuantityExtractor.create(); }

  private static QuantityMention only(String sentence) {
    List<QuantityMention> qs = extractor.extract(sentence);
    assertEquals(1, qs.size(), () -> "one quantity expected in: " + sentence + " got " + qs);
    return qs.get(0);
  }

  @Test
  void countsWithQualifierAndUnit() {
    QuantityMention q = only("North Korea had sent about 7,000 containers filled with munitions.");
    assertEquals(7000.0, q.value());
    assertEquals("containers", q.unit());
    assertEquals("about", q.qualifier());
    assertEquals("about 7,000", q.text());
  }

  @Test
  void numberWordsSkipNationalityAdjectives() {
    List<QuantityMention> qs = extractor.extract(
        "The United States announced sanctions on May 16 on two Russian individuals and three Russian companies.");
    assertEquals(2, qs.size(), qs::toString); // "May 16" is a date, not a quantity
    assertEquals(2.0, qs.get(0).value());
    assertEquals("individuals", qs.get(0).unit());
    assertEquals(3.0, qs.get(1).value());
    assertEquals("companies", qs.get(1).unit());
  }

  @Test
  void moneyScalesAndPercentages() {
    QuantityMention m = only("The company lost $3.5 billion last year.");
    assertEquals(3.5e9, m.value());
    assertEquals("USD", m.unit());
    QuantityMention p = only("Sales rose more than 12 percent.");
    assertEquals(12.0, p.value());
    assertEquals("percent", p.unit());
    assertEquals("more than", p.qualifier());
    QuantityMention r = only("Profit was 5 mln dlrs.");
    assertEquals(5e6, r.value());
    assertEquals("USD", r.unit());
  }

  @Test
  void rangesFractionsAndHyphenatedMeasures() {
    QuantityMention r = only("He will miss four to six weeks.");
    assertEquals(4.0, r.value());
    assertEquals("weeks", r.unit());
    assertEquals("between", r.qualifier());
    QuantityMention f = only("Nearly two-thirds of the people surveyed agreed.");
    assertEquals(2 / 3.0, f.value(), 1e-9);
    assertEquals("nearly", f.qualifier());
    QuantityMention h = only("He arrived for a four-day visit.");
    assertEquals(4.0, h.value());
    assertEquals("day", h.unit());
  }

  @Test
  void yearsNamesAndPronounsAreNotQuantities() {
    assertTrue(extractor.extract("The plan was launched in 2021.").isEmpty());
    assertTrue(extractor.extract("The missile was a Hwasong-11 and the jet a Tupolev 154.").isEmpty());
    assertTrue(extractor.extract("One trader said one of the ships left.").isEmpty());
    QuantityMention q = only("At least 11 people were killed.");
    assertEquals("at least", q.qualifier());
    assertNull(only("The index closed at 1,294.5 points.").qualifier());
  }

  @Test
  void goldSetScoresAtLeastTheGoal() throws Exception {
    List<QuantityEvaluation.Item> items = QuantityEvaluation.load(null);
    assertTrue(items.size() >= 60, "gold set has >= 60 sentences");
    QuantityEvaluation.Scores s = QuantityEvaluation.score(extractor, items, false);
    assertTrue(s.f1(s.value()) >= 0.90, "value F1 " + s.f1(s.value()));
    assertTrue(s.f1(s.unit()) >= 0.85, "unit F1 " + s.f1(s.unit()));
    assertTrue(s.f1(s.qualifier()) >= 0.90, "qualifier F1 " + s.f1(s.qualifier()));
  }
}
