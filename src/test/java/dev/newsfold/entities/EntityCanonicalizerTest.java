package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EntityCanonicalizerTest {

  /** Builds mentions with real offsets: each (type, text) pair is searched in the text after the previous one. */
  private static List<Mention> mentions(String text, String... typeAndText) {
    List<Mention> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < typeAndText.length; i += 2) {
      int start = text.indexOf(typeAndText[i + 1], from);
      int end = start + typeAndText[i + 1].length();
      out.add(new Mention(typeAndText[i], typeAndText[i + 1], start, end));
      from = end;
    }
    return out;
  }

  private static Map<String, EntityCanonicalizer.CanonicalEntity> byName(List<Mention> ms, String title, int len) {
    return EntityCanonicalizer.canonicalize(ms, title, len).stream()
        .collect(Collectors.toMap(EntityCanonicalizer.CanonicalEntity::name, Function.identity()));
  }

  @Test
  void foldsSpellingVariantsAndUnambiguousShortNames() {
    String text = "Kim Jong-Un met Shin Wonsik. Kim Jong Un said Shin lied. Kim Jong Un left.";
    var es = byName(mentions(text, "PERSON", "Kim Jong-Un", "PERSON", "Shin Wonsik", "PERSON", "Kim Jong Un",
        "PERSON", "Shin", "PERSON", "Kim Jong Un"), null, text.length());
    assertEquals(2, es.size(), es.keySet().toString());
    var kim = es.get("Kim Jong Un");
    assertEquals(3, kim.mentions());
    assertEquals(List.of("Kim Jong Un", "Kim Jong-Un"), kim.surfaceForms());
    assertEquals(0, kim.firstOffset());
    var shin = es.get("Shin Wonsik");
    assertEquals(2, shin.mentions());
    assertEquals(List.of("Shin", "Shin Wonsik"), shin.surfaceForms());
  }

  @Test
  void leavesAmbiguousShortNamesAlone() {
    String text = "Kim Yo Jong and Kim Jong Un met. Kim spoke.";
    var es = byName(mentions(text, "PERSON", "Kim Yo Jong", "PERSON", "Kim Jong Un", "PERSON", "Kim"), null,
        text.length());
    assertEquals(3, es.size());
    assertTrue(es.containsKey("Kim"));
  }

  @Test
  void foldsCountryAliasesAndStripsHonorifics() {
    String text = "The U.S. and America and the United States and US. Mr. John Kirby and Kirby.";
    var es = byName(mentions(text, "LOCATION", "U.S.", "LOCATION", "America", "LOCATION", "United States",
        "LOCATION", "US", "PERSON", "Mr. John Kirby", "PERSON", "Kirby"), null, text.length());
    assertEquals(4, es.get("United States").mentions());
    assertEquals("LOCATION", es.get("United States").type());
    assertEquals(List.of("John Kirby", "Kirby"), es.get("John Kirby").surfaceForms());
  }

  @Test
  void foldsAMistypedSurnameOnlyAfterTheFullName() {
    String text = "Matt Bevin lost. Bevin conceded. Later Washington met George Washington.";
    var es = byName(mentions(text, "PERSON", "Matt Bevin", "LOCATION", "Bevin", "LOCATION", "Washington",
        "PERSON", "George Washington"), null, text.length());
    assertEquals(2, es.get("Matt Bevin").mentions());
    assertEquals("PERSON", es.get("Matt Bevin").type());
    assertEquals("LOCATION", es.get("Washington").type(), "mentioned before the person: left alone");
  }

  @Test
  void typeIsTheMajorityOfTheFoldedMentions() {
    String text = "Kharkiv was hit. The Kharkiv region. Kharkiv mourns.";
    var es = byName(mentions(text, "LOCATION", "Kharkiv", "MISC", "Kharkiv", "LOCATION", "Kharkiv"), null,
        text.length());
    assertEquals("LOCATION", es.get("Kharkiv").type());
    assertEquals(3, es.get("Kharkiv").mentions());
  }

  @Test
  void idsDependOnTypeAndNormalisedNameOnly() {
    assertEquals(EntityCanonicalizer.entityId("PERSON", "Kim Jong Un"),
        EntityCanonicalizer.entityId("PERSON", "Kim Jong-Un"));
    assertNotEquals(EntityCanonicalizer.entityId("PERSON", "Jordan"),
        EntityCanonicalizer.entityId("LOCATION", "Jordan"));
    assertTrue(EntityCanonicalizer.entityId("PERSON", "Kim Jong Un").matches("[0-9a-f]{16}"));
  }

  @Test
  void salienceFavoursEarlyFrequentAndTitleEntities() {
    String text = "Russia said. Russia and Russia. Later Japan. " + "x".repeat(200) + " Seoul.";
    var es = byName(mentions(text, "LOCATION", "Russia", "LOCATION", "Russia", "LOCATION", "Russia", "LOCATION",
        "Japan", "LOCATION", "Seoul"), "Japan talks", text.length());
    assertTrue(es.get("Japan").inTitle());
    assertTrue(es.get("Russia").salience() > es.get("Japan").salience());
    assertTrue(es.get("Japan").salience() > es.get("Seoul").salience());
    es.values().forEach(e -> assertTrue(e.salience() >= 0 && e.salience() <= 1));
  }
}
