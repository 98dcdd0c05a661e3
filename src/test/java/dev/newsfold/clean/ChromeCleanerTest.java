package dev.newsfold.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsfold.parse.TextDumpParser;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cleaning on pages written for this test, with chrome the seeds do not have (menus, breadcrumbs, read-times,
 * newsletter prompts, related-article bullets, cookie notices, comment counters, copyright lines), to prove the rules
 * are general signals and not the seeds' strings.
 */
class ChromeCleanerTest {

  static final String BODY1 = "Rescue teams worked through the night on Tuesday to reinforce the Millbrook levee after"
      + " the river rose two metres in less than a day, officials said.";
  static final String BODY2 = "The regional water authority said the embankment, built in 1958, had not been"
      + " inspected since 2019 and could fail if rain continued into Thursday.";
  static final String BODY3 = "Residents of the low-lying streets near the levee were told to leave by noon, and"
      + " three shelters opened in schools on higher ground.";
  static final String HEADING = "Levee inspections delayed for years";
  static final String BODY4 = "Engineers had warned in 2021 that the levee needed urgent repairs, but the work was"
      + " postponed twice because of budget cuts, according to council minutes.";
  static final String BODY5 = "The council said on Wednesday that repairs to the levee would now begin as soon as the"
      + " river level falls.";
  static final String SHORT = "The mayor declined to comment on the levee.";

  static final List<String> CHROME = List.of(
      "Home | World | Business | Climate", "News > Europe > Floods", "Updated 3 hours ago",
      "Listen to this article · 4 min", "Rescue teams at the levee on Tuesday. Photo: Reuters/Jane Smith",
      "READ MORE: Minister Quits Over Budget Row", "Sign up for our daily newsletter.",
      "• Celebrity Chef Opens Third Restaurant In Soho", "• Transfer Window: Five Deals To Watch This Summer",
      "We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.",
      "Copyright 2024 Valley Gazette. All rights reserved.", "Comments (12)", "Most read",
      "1. Pop Star Announces Surprise Stadium Tour Dates", "2. Ten Gadgets That Will Change Your Kitchen Forever",
      "3. Why Everyone Is Talking About The New Sneaker Drop", "subscribe_btn");

  static String page() {
    return String.join("\n\n", List.of(
        "Levee holds as river rises in Millbrook",
        "Home | World | Business | Climate\nNews > Europe > Floods",
        CHROME.get(9),
        "Levee holds as river rises in Millbrook",
        "By Jane Doe and John Roe",
        "Updated 3 hours ago\nListen to this article · 4 min",
        "Rescue teams at the levee on Tuesday. Photo: Reuters/Jane Smith",
        BODY1, BODY2, "READ MORE: Minister Quits Over Budget Row", BODY3, SHORT, "Sign up for our daily newsletter.",
        HEADING, BODY4,
        "• Celebrity Chef Opens Third Restaurant In Soho\n• Transfer Window: Five Deals To Watch This Summer",
        BODY5,
        "subscribe_btn",
        "Copyright 2024 Valley Gazette. All rights reserved.",
        "Comments (12)",
        "Most read\n1. Pop Star Announces Surprise Stadium Tour Dates\n"
            + "2. Ten Gadgets That Will Change Your Kitchen Forever\n"
            + "3. Why Everyone Is Talking About The New Sneaker Drop"));
  }

  static ChromeCleaner.Result clean(String text, java.util.function.Predicate<String> template) {
    ParsedPage.Builder page = ParsedPage.newBuilder().setSourceUri("x").setFormat("text").setSizeBytes(0);
    new TextDumpParser().parse(text, page);
    List<ChromeCleaner.Line> lines = new ArrayList<>();
    for (PageBlock b : page.getBlocks()) {
      lines.add(new ChromeCleaner.Line(b.getText(), b.getGroup(), ChromeCleaner.Line.Kind.valueOf(b.getKind().name())));
    }
    return new ChromeCleaner(template, false).clean(page.getTitle(), lines);
  }

  @Test
  void keepsTheArticleAndDropsUnseenKindsOfChrome() {
    ChromeCleaner.Result r = clean(page(), k -> false);
    assertEquals(List.of(BODY1, BODY2, BODY3, SHORT, HEADING, BODY4, BODY5), r.paragraphs(), r.text());
    for (String chrome : CHROME) {
      assertFalse(r.text().contains(chrome), chrome);
    }
    assertEquals("Jane Doe and John Roe", r.byline());
    assertTrue(r.linesRemoved() >= CHROME.size(), "removed " + r.removed());
  }

  @Test
  void offTopicListItemsGoOnTopicOnesStay() {
    String text = String.join("\n\n", List.of("Levee holds", BODY1, BODY2,
        "1. The levee must be inspected every year by the water authority.\n"
            + "2. Residents near the levee should keep an emergency kit ready.",
        BODY4));
    ChromeCleaner.Result r = clean(text, k -> false);
    assertTrue(r.text().contains("1. The levee must be inspected"), r.text());
  }

  @Test
  void linesRepeatedAcrossTheOutletsPagesAreTemplate() {
    String promo = "Support independent local journalism today";
    String text = String.join("\n\n", List.of("Levee holds", BODY1, promo, BODY2, BODY3));
    assertTrue(clean(text, k -> false).text().contains(promo), "a single page cannot tell");
    assertFalse(clean(text, k -> k.equals(LineShape.key(promo))).text().contains(promo));
  }

  @Test
  void signalsOfSingleLines() {
    assertTrue(new LineShape("info_icon").widget());
    assertTrue(new LineShape("shareButton").widget());
    assertFalse(new LineShape("Seoul").widget());
    assertTrue(new LineShape("Kim Yo Jong | Photo: AP").credit());
    assertTrue(new LineShape("Flood waters near the bridge - Getty Images").credit());
    assertTrue(new LineShape("North Korea's Kim Drops Goal With South - Will He Rewrite History?").headlineStyle());
    assertFalse(new LineShape("The minister said the talks were going well.").headlineStyle());
    assertFalse(new LineShape("1 Kyle Busch 5040 5 1 17 27").headlineStyle(), "a table row is not a headline");
    assertTrue(new LineShape("BY Seema Guha").byline());
    assertTrue(new LineShape("By Jane Doe, Associated Press").byline());
    assertFalse(new LineShape("By the end of the year, prices had doubled.").byline());
    assertTrue(new LineShape("Sign up for our newsletter").callToAction());
  }

  @Test
  void extractedPageKeepsShortLinesThatRepeatButNotRepeatedParagraphs() {
    String question = "What happens next?";
    List<ChromeCleaner.Line> lines = new ArrayList<>();
    for (String t : List.of(question, BODY1, question, BODY2, BODY1, BODY3)) {
      lines.add(new ChromeCleaner.Line(t, lines.size(), ChromeCleaner.Line.Kind.PARAGRAPH));
    }
    List<String> kept = new ChromeCleaner(k -> false, true).clean("Levee holds", lines).paragraphs();
    assertEquals(List.of(question, BODY1, question, BODY2, BODY3), kept);
    // A text dump has no extractor behind it: there every repeat is a layout copy.
    List<String> dump = new ChromeCleaner(k -> false, false).clean("Levee holds", lines).paragraphs();
    assertEquals(1, dump.stream().filter(BODY1::equals).count());
  }
}
