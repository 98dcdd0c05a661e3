package dev.newsfold.stories;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;

import dev.newsfold.schema.Article;
import dev.newsfold.schema.Story;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** TestPipeline + PAssert tests of the JoinStories transform on a small hand-written corpus. */
public class JoinStoriesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final LocalDate DAY = LocalDate.of(2024, 5, 17);

  // One event told twice in other words (a paraphrase pair), and a wire copy of the first with other page chrome.
  static final String FLOOD_A = "Heavy monsoon rains triggered landslides in the Nepalese district of Sindhupalchok "
      + "on Tuesday, killing at least 23 people and leaving 41 missing, officials said.\n\n"
      + "Rescuers from the Nepal Army searched the Bhotekoshi river valley for survivors, district chief "
      + "Ramesh Adhikari told reporters. About 1,200 families were moved to temporary shelters.\n\n"
      + "The Araniko highway linking Kathmandu with the Chinese border was blocked in several places.";
  static final String FLOOD_B = "At least 23 people died and 41 are missing after landslides set off by torrential "
      + "monsoon downpours swept through Sindhupalchok in Nepal, authorities said Tuesday.\n\n"
      + "Nepal Army rescue teams combed the Bhotekoshi valley, according to Ramesh Adhikari, the district's chief "
      + "administrator, while some 1,200 households were evacuated to shelters.\n\n"
      + "Sections of the Araniko highway between Kathmandu and the border with China were cut off.";
  // Two unrelated events that share a country name (Russia) with each other.
  static final String QUAKE = "A magnitude 7.0 earthquake struck off the coast of Kamchatka in Russia's far east on "
      + "Sunday, the Geophysical Survey said, rattling buildings in Petropavlovsk.\n\n"
      + "No tsunami warning was issued and no casualties were reported, regional governor Vladimir Solodov wrote.";
  static final String FOOTBALL = "Zenit Saint Petersburg won the Russian Premier League title on Saturday after a "
      + "2-0 victory over Krasnodar, with Russia's leading scorer Mateo Cassierra netting both goals.\n\n"
      + "Coach Sergei Semak said the team had earned its sixth straight championship in Russia.";
  static final String[] FILLER = {
      "Shares in European carmakers rose on Monday as investors welcomed lower battery costs and strong sales.",
      "The city council approved a new budget for public libraries, adding evening hours in six branches.",
      "Scientists reported a new species of frog in the cloud forests of Ecuador, noting its bright orange skin.",
      "A heatwave pushed temperatures above 40 degrees in southern Spain, and farmers warned of crop losses.",
      "The central bank kept interest rates unchanged, citing steady inflation and a resilient labour market.",
      "Organisers said the marathon drew a record field of runners despite rain throughout the morning."};

  static Article article(String id, String title, String text, String outlet, LocalDate date) {
    return EvalSupport.article(id, title, text, outlet, date);
  }

  static List<Article> corpus() {
    List<Article> a = new ArrayList<>();
    a.add(article("flood-a", "Landslides kill 23 in Nepal's Sindhupalchok", FLOOD_A, "wire.example", DAY));
    a.add(article("flood-b", "Nepal landslides: 23 dead, 41 missing in Sindhupalchok", FLOOD_B, "daily.example",
        DAY.plusDays(1)));
    a.add(article("flood-copy", "Landslides kill 23 in Nepal's Sindhupalchok",
        "Advertisement\n\n" + FLOOD_A + "\n\nShare this story\n\nMOST POPULAR\n\nRead more: Trending stories",
        "portal.example", DAY.plusDays(1)));
    a.add(article("quake", "Magnitude 7.0 quake strikes off Kamchatka, Russia", QUAKE, "wire.example", DAY));
    a.add(article("football", "Zenit win sixth straight Russian title", FOOTBALL, "sport.example", DAY));
    for (int i = 0; i < FILLER.length; i++) {
      a.add(article("filler-" + i, FILLER[i].substring(0, 40), FILLER[i], "misc.example", DAY));
    }
    return a;
  }

  static PCollection<String> assignments(PCollection<Article> out) {
    return out.apply("Describe" + out.getName(), MapElements.into(TypeDescriptors.strings()).via((Article a) ->
        a.getArticleId() + " " + a.getStoryId() + " " + a.getDuplicateOf() + " " + (a.getSimhash() != null)));
  }

  @Test
  public void joinsRewritesAndCopiesButNotArticlesSharingACountry() {
    List<Article> in = corpus();
    JoinStories.Result r = p.apply(Create.of(in).withCoder(AvroCoder.of(Article.class))).apply(JoinStories.create());
    PAssert.that(r.articles()).satisfies(articles -> checkFloodAndCountries(in, articles));
    PAssert.that(r.stories()).satisfies(stories -> {
      Map<String, Story> byId = new HashMap<>();
      for (Story s : stories) {
        byId.put(s.getStoryId(), s);
      }
      Story flood = byId.get("s-flood-a");
      assertEquals(3, (int) flood.getArticleCount());
      assertEquals(1, (int) flood.getCopyCount());
      assertEquals(3, (int) flood.getOutletCount());
      assertEquals(List.of("flood-a", "flood-b", "flood-copy"), flood.getArticleIds());
      assertEquals(DAY, flood.getFirstPublished());
      assertEquals(DAY.plusDays(1), flood.getLastPublished());
      assertEquals("Landslides kill 23 in Nepal's Sindhupalchok", flood.getTitle());
      assertEquals(true, flood.getKeyTerms().contains("sindhupalchok"));
      int total = 0;
      for (Story s : stories) {
        total += s.getArticleCount();
        assertEquals(0, (int) s.getClaimCount());
      }
      assertEquals(11, total);
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** The rewrite and the copy join the flood story; the two Russia articles stay apart. */
  static Void checkFloodAndCountries(List<Article> in, Iterable<Article> articles) {
    Map<String, Article> byId = new HashMap<>();
    int count = 0;
    for (Article a : articles) {
      byId.put(a.getArticleId(), a);
      count++;
    }
    assertEquals("every input article once", in.size(), count);
    assertEquals(in.size(), byId.size());
    String flood = byId.get("flood-a").getStoryId();
    assertEquals("paraphrase joins", flood, byId.get("flood-b").getStoryId());
    assertEquals("copy joins", flood, byId.get("flood-copy").getStoryId());
    assertEquals("copy with other chrome is a copy", "flood-a", byId.get("flood-copy").getDuplicateOf());
    assertNull("a rewrite is not a copy", byId.get("flood-b").getDuplicateOf());
    assertNull(byId.get("flood-a").getDuplicateOf());
    assertEquals("s-flood-a", flood);
    assertNotEquals("same country, other events", byId.get("quake").getStoryId(),
        byId.get("football").getStoryId());
    assertNotEquals(flood, byId.get("quake").getStoryId());
    assertEquals("s-quake", byId.get("quake").getStoryId());
    for (Article a : articles) {
      assertEquals(true, a.getSimhash() != null);
    }
    return null;
  }

  @Test
  public void componentsClusteredInRoundsJoinTheSameStoriesAndCopies() {
    // Every component goes to GuardedRounds (the path of components too large for one worker).
    List<Article> in = corpus();
    PAssert.that(p.apply(Create.of(in).withCoder(AvroCoder.of(Article.class)))
            .apply(JoinStories.create().withMaxComponentArticles(0)).articles())
        .satisfies(articles -> checkFloodAndCountries(in, articles));
    p.run().waitUntilFinish();
  }

  @Test
  public void idsAreTheSameWhateverTheInputOrder() {
    List<Article> in = corpus();
    List<Article> reversed = new ArrayList<>(in);
    Collections.reverse(reversed);
    PCollection<String> first = assignments(p.apply("Forward", Create.of(in).withCoder(AvroCoder.of(Article.class)))
        .apply("JoinForward", JoinStories.create()).articles());
    PCollection<String> second = assignments(p.apply("Reversed",
        Create.of(reversed).withCoder(AvroCoder.of(Article.class)))
        .apply("JoinReversed", JoinStories.create().withShards(7)).articles());
    // Both runs must give exactly the same rows; compare each against the other's materialised content.
    PAssert.that(first).satisfies(a -> {
      Set<String> rows = new HashSet<>();
      a.forEach(rows::add);
      assertEquals(in.size(), rows.size());
      return null;
    });
    PAssert.that(second).satisfies(b -> {
      Set<String> rows = new HashSet<>();
      b.forEach(rows::add);
      assertEquals(in.size(), rows.size());
      return null;
    });
    PAssert.that(second).containsInAnyOrder(expectedRows());
    PAssert.that(first).containsInAnyOrder(expectedRows());
    p.run().waitUntilFinish();
  }

  /** The assignment of the corpus, computed once outside Beam by the pure clusterer would duplicate logic; instead
   * pin the expected ids, which also guards against accidental id changes between releases. */
  static List<String> expectedRows() {
    List<String> rows = new ArrayList<>();
    rows.add("flood-a s-flood-a null true");
    rows.add("flood-b s-flood-a null true");
    rows.add("flood-copy s-flood-a flood-a true");
    rows.add("quake s-quake null true");
    rows.add("football s-football null true");
    for (int i = 0; i < FILLER.length; i++) {
      rows.add("filler-" + i + " s-filler-" + i + " null true");
    }
    return rows;
  }
}
