package dev.newsfold.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Datelines, agencies, dates, outlets and language: the small parsers the header fields come from. */
class HeaderPartsTest {

  @Test
  void datelines() {
    var d = Datelines.split("SEOUL, South Korea (AP) — North Korea fired a ballistic missile into the sea on Monday.");
    assertEquals("Seoul", d.place());
    assertEquals("AP", d.agency());
    assertEquals("North Korea fired a ballistic missile into the sea on Monday.", d.rest());
    var r = Datelines.split("NEW DELHI, May 17 (Reuters) - India's central bank held rates steady for a sixth time.");
    assertEquals("New Delhi", r.place());
    assertEquals("Reuters", r.agency());
    assertEquals("Seoul", Datelines.split("Seoul: The influential sister of the leader denied it again today.").place());
    assertNull(Datelines.split("However: the minister said the talks would continue next week in Geneva."));
    assertNull(Datelines.split("The minister said on Monday that talks would continue next week."));
  }

  @Test
  void agencies() {
    assertEquals("AP", Agencies.ofCreditLine("AP"));
    assertEquals("AFP", Agencies.ofCreditLine("(AFP)"));
    assertEquals("Reuters", Agencies.ofCreditLine("— Reuters"));
    assertNull(Agencies.ofCreditLine("Apple"));
    assertEquals("AP", Agencies.ofByline("By Kim Tong-Hyung, Associated Press"));
  }

  @Test
  void dates() {
    assertEquals(LocalDate.of(2024, 5, 17), Dates.parse("2024-05-17"));
    assertEquals(LocalDate.of(2024, 5, 17), Dates.parse("2024-05-17T23:30:00+09:00"));
    assertEquals(LocalDate.of(2024, 5, 17), Dates.parse("Fri, 17 May 2024 10:00:00 GMT"));
    assertEquals(LocalDate.of(2024, 5, 17), Dates.parse("May 17, 2024"));
    assertEquals(LocalDate.of(2024, 5, 17), Dates.parse("17th May 2024"));
    assertNull(Dates.parse("yesterday"));
    assertNull(Dates.parse("2024-13-45"));
  }

  @Test
  void outlets() {
    assertEquals("Valley Gazette", Outlets.of("Valley Gazette", "https://www.valley.example.com/a", null));
    assertEquals("valley.example.com", Outlets.of(null, "https://www.valley.example.com/a", null));
    assertEquals("outlookindia.com", Outlets.of(null, null, "/data/www.outlookindia.com/2024/page.txt"));
    assertNull(Outlets.of(null, null, "/data/seeds/000.txt"));
  }

  @Test
  void language() {
    assertEquals("en", LanguageGuesser.guess("The minister said that the talks with the union were going well and"
        + " that a deal was close."));
    assertEquals("de", LanguageGuesser.guess("Der Minister sagte, dass die Gespräche mit der Gewerkschaft gut"
        + " verlaufen und dass eine Einigung nicht mehr weit ist."));
    assertEquals("en", LanguageGuesser.normalise("en-US"));
  }
}
