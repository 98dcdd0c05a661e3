package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The entities the two seed articles must give, found by the shipped model and folded by the canonicalizer. */
class SeedEntitiesTest {
  private static Map<String, EntityCanonicalizer.CanonicalEntity> seed000;
  private static Map<String, EntityCanonicalizer.CanonicalEntity> seed001;

  private static Map<String, EntityCanonicalizer.CanonicalEntity> entities(String title, String body) {
    EntityRecognizer r = EntityRecognizer.load();
    List<Mention> mentions = r.find(body);
    for (Mention m : mentions) {
      assertEquals(m.text(), body.substring(m.start(), m.end()), "offsets point at the mention");
    }
    Map<String, EntityCanonicalizer.CanonicalEntity> byName = new HashMap<>();
    for (EntityCanonicalizer.CanonicalEntity e : EntityCanonicalizer.canonicalize(mentions, title, body.length())) {
      byName.put(e.name(), e);
    }
    return byName;
  }

  @BeforeAll
  static void run() {
    seed000 = entities(SeedTexts.TITLE_000, SeedTexts.BODY_000);
    seed001 = entities(SeedTexts.TITLE_001, SeedTexts.BODY_001);
  }

  private static void assertEntity(Map<String, EntityCanonicalizer.CanonicalEntity> es, String name, String type) {
    EntityCanonicalizer.CanonicalEntity e = es.get(name);
    assertNotNull(e, name + " missing from " + es.keySet());
    assertEquals(type, e.type(), name);
  }

  @Test
  void findsThePeopleOfBothArticles() {
    for (var es : List.of(seed000, seed001)) {
      assertEntity(es, "Kim Yo Jong", "PERSON");
      assertEntity(es, "Kim Jong Un", "PERSON");
      assertEntity(es, "Shin Wonsik", "PERSON");
    }
    assertEntity(seed001, "John Kirby", "PERSON");
    // "Shin" alone folds into Shin Wonsik; "Kim" alone would be ambiguous (two Kims).
    assertTrue(seed001.get("Shin Wonsik").surfaceForms().contains("Shin"));
    assertFalse(seed001.containsKey("Shin"));
  }

  @Test
  void findsThePlaces() {
    for (String place : List.of("North Korea", "Russia", "South Korea", "Ukraine", "Seoul")) {
      assertEntity(seed000, place, "LOCATION");
      assertEntity(seed001, place, "LOCATION");
    }
    assertEntity(seed000, "Kharkiv", "LOCATION");
    assertEntity(seed001, "Japan", "LOCATION");
    // "America" (000) and "US"/"the United States" (001) are one entity.
    assertEntity(seed000, "United States", "LOCATION");
    assertEntity(seed001, "United States", "LOCATION");
    assertEquals(seed000.get("United States").entityId(), seed001.get("United States").entityId());
  }

  @Test
  void findsTheOrganisations() {
    assertEntity(seed001, "UN Security Council", "ORGANIZATION");
    assertEntity(seed001, "White House", "ORGANIZATION");
    assertTrue(seed001.keySet().stream().anyMatch(n -> n.endsWith("National Security Council")
        && seed001.get(n).type().equals("ORGANIZATION")), seed001.keySet().toString());
  }

  @Test
  void sameEntityHasTheSameIdInBothArticles() {
    for (String name : List.of("Kim Yo Jong", "Kim Jong Un", "Shin Wonsik", "North Korea", "Russia")) {
      assertEquals(seed000.get(name).entityId(), seed001.get(name).entityId(), name);
    }
  }

  @Test
  void titleEntityIsMostSalient() {
    EntityCanonicalizer.CanonicalEntity kim = seed000.get("Kim Yo Jong");
    assertTrue(kim.inTitle());
    for (var e : seed000.values()) {
      assertTrue(e.salience() >= 0 && e.salience() <= 1, e.toString());
    }
  }
}
