package dev.newsfold.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsfold.parse.TextDumpParser;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeds, parsed and cleaned by the pure classes, come out as DESIGN.md says. */
class SeedCleaningTest {

  static final List<String> CHROME_NAMES = List.of("Ben Affleck", "Jennifer Lopez", "Neeraj Chopra", "Cannes", "IPL",
      "Kejriwal", "Modi", "Xi,", "Putin", "Robert Fico", "Kim Ju Ae", "Seema Guha", "info_icon", "Advertisement",
      "MOST POPULAR", "Trending", "Share this story", "Tags", "Photo:", "Getty");

  static ChromeCleaner.Result clean(String file, ParsedPage.Builder page) throws Exception {
    String text = Files.readString(Path.of("seeds", file));
    new TextDumpParser().parse(text, page);
    List<ChromeCleaner.Line> lines = new ArrayList<>();
    for (PageBlock b : page.getBlocks()) {
      lines.add(new ChromeCleaner.Line(b.getText(), b.getGroup(), ChromeCleaner.Line.Kind.valueOf(b.getKind().name())));
    }
    return new ChromeCleaner(k -> false, false).clean(page.getTitle(), lines);
  }

  @Test
  void apCopyOnChromePage() throws Exception {
    ParsedPage.Builder page = ParsedPage.newBuilder().setSourceUri("x").setFormat("text").setSizeBytes(0);
    ChromeCleaner.Result r = clean("001_5997bcdb939cc27a.txt", page);
    assertEquals("2024-05-17", page.getPublished());
    assertEquals("International", page.getSection());
    assertEquals("AP", r.agency());
    assertEquals("Seoul", r.dateline());
    assertTrue(r.paragraphs().get(0).startsWith("The influential sister of North Korean leader"), r.paragraphs().get(0));
    assertTrue(r.paragraphs().get(r.paragraphs().size() - 1).startsWith("Since 2022,"));
    assertTrue(r.standfirst().startsWith("The deepening North Korean-Russia ties"));
    for (String name : CHROME_NAMES) {
      assertFalse(r.text().contains(name), () -> "chrome survived: " + name + "\n" + r.text());
    }
    assertTrue(page.getTitle().startsWith("‘The Most Absurd Paradox’"));
  }

  @Test
  void paraphraseKeepsSubheadingsAndTitleOnce() throws Exception {
    ParsedPage.Builder page = ParsedPage.newBuilder().setSourceUri("x").setFormat("text").setSizeBytes(0);
    ChromeCleaner.Result r = clean("000_209259ce92e91cec.txt", page);
    assertEquals("Sister Kim Yo Jong dismisses suspicions of weapons exports to Russia", page.getTitle());
    assertTrue(r.paragraphs().contains("Attack the South Korean capital Seoul"), r.text());
    assertTrue(r.paragraphs().contains("From North Korea ballistic missile"), r.text());
    assertFalse(r.text().contains("dismisses suspicions"), "title repeated in body");
    assertTrue(r.paragraphs().get(0).startsWith("North Korean leader Kim Jong Un's sister"));
    assertTrue(r.paragraphs().get(r.paragraphs().size() - 1).startsWith("In March, South Korean Defense Minister"));
    for (String name : CHROME_NAMES) {
      assertFalse(r.text().contains(name), () -> "chrome survived: " + name);
    }
  }
}
