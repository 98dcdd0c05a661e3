package dev.newsfold.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsfold.schema.Article;
import dev.newsfold.schema.Claim;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClaimAlignerTest {
  private static List<Claim> claims;

  static Article article(String id, String outlet, String text) {
    return Article.newBuilder().setArticleId(id).setSourceUri("seeds/" + id).setFormat("text").setOutlet(outlet)
        .setText(text).setWordCount(0).setParagraphCount(0).setBoilerplateLinesRemoved(0)
        .setBoilerplateCharsRemoved(0).setContentHash(id).setStoryId("story-1").build();
  }

  @BeforeAll
  static void extract() {
    ClaimExtractor x = ClaimExtractor.load();
    claims = new ArrayList<>();
    Article a0 = article("a000", "example-paraphrase.com", SeedTexts.SEED_000);
    Article a1 = article("a001", "outlookindia.com", SeedTexts.SEED_001);
    claims.addAll(ExtractEntitiesAndClaims.toClaims(a0, x.extract(a0.getText())));
    claims.addAll(ExtractEntitiesAndClaims.toClaims(a1, x.extract(a1.getText())));
  }

  private static Claim find(List<Claim> cs, String article, Predicate<Claim> p) {
    return cs.stream().filter(c -> c.getArticleId().equals(article)).filter(p).findFirst()
        .orElseThrow(() -> new AssertionError("no claim in " + article));
  }

  @Test
  void shinClaimsAreCorroboratedByBothArticles() {
    List<Claim> out = new ClaimAligner().align("story-1", claims).claims();
    Claim s0 = find(out, "a000", c -> c.getContent().contains("7,000"));
    Claim s1 = find(out, "a001", c -> c.getContent().contains("7,000"));
    assertEquals(s0.getClaimKey(), s1.getClaimKey());
    assertEquals(List.of("a001"), s0.getCorroboratingArticles());
    assertEquals(List.of("outlookindia.com"), s0.getCorroboratingOutlets());
    assertTrue(s0.getConflicts().isEmpty(), s0.getConflicts()::toString);
    Claim r0 = find(out, "a000", c -> c.getContent().contains("9,000"));
    Claim r1 = find(out, "a001", c -> c.getContent().contains("9,000"));
    assertEquals(r0.getClaimKey(), r1.getClaimKey());
    assertNotEquals(s0.getClaimKey(), r0.getClaimKey()); // shipped and received are different claims
  }

  @Test
  void denialIsAlignedAndSpeakerConflictIsReported() {
    List<Claim> out = new ClaimAligner().align("story-1", claims).claims();
    Claim d0 = find(out, "a000", c -> "DENY".equals(c.getStance()) && c.getContent().contains("exported"));
    Claim d1 = find(out, "a001", c -> "DENY".equals(c.getStance()));
    assertEquals(d0.getClaimKey(), d1.getClaimKey());
    assertTrue(d0.getConflicts().isEmpty(), d0.getConflicts()::toString);
    Claim leader = find(out, "a000", c -> c.getContent().contains("designed to attack"));
    Claim kim = find(out, "a001", c -> c.getContent().contains("designed to attack"));
    assertEquals(leader.getClaimKey(), kim.getClaimKey());
    assertEquals(List.of("speaker: Kim Yo Jong in a001"), leader.getConflicts());
    assertEquals(List.of("speaker: North Korea's leader in a000"), kim.getConflicts());
  }

  @Test
  void unmatchedClaimsStayAlone() {
    List<Claim> out = new ClaimAligner().align("story-1", claims).claims();
    Claim kirby = find(out, "a001", c -> "John Kirby".equals(c.getSpeaker()));
    assertTrue(kirby.getCorroboratingArticles().isEmpty());
    long keys = out.stream().map(Claim::getClaimKey).distinct().count();
    assertTrue(keys < out.size() && keys > out.size() / 3, "some but not all claims aligned: " + keys);
  }

  @Test
  void resultDoesNotDependOnInputOrder() {
    List<Claim> shuffled = new ArrayList<>(claims);
    Collections.reverse(shuffled);
    assertEquals(new ClaimAligner().align("story-1", claims).claims(),
        new ClaimAligner().align("story-1", shuffled).claims());
  }

  @Test
  void quantityConflictAndCap() {
    Claim a = claim("x1", "a", "North Korea shipped about 7,000 containers to Russia last year", 7000);
    Claim b = claim("x2", "b", "North Korea shipped about 6,000 containers to Russia last year", 6000);
    List<Claim> out = new ClaimAligner().align("s", List.of(a, b)).claims();
    assertEquals(out.get(0).getClaimKey(), out.get(1).getClaimKey());
    assertEquals(List.of("quantity: 6,000 containers in b"), out.get(0).getConflicts());
    ClaimAligner.Aligned capped = new ClaimAligner(1).align("s", List.of(a, b));
    assertEquals(1, capped.capped());
    assertNotEquals(capped.claims().get(0).getClaimKey(), capped.claims().get(1).getClaimKey());
    assertFalse(ClaimAligner.differentSpeakers("Shin Wonsik", "Defense Minister Shin"));
  }

  private static Claim claim(String id, String article, String content, double value) {
    String text = String.format("%,d containers", (long) value);
    return Claim.newBuilder().setClaimId(id).setArticleId(article).setStoryId("s").setOutlet(article + ".com")
        .setStance("ASSERT").setContent(content).setDirectQuote(false).setSentenceOffset(0).setClaimKey(id)
        .setQuantities(List.of(dev.newsfold.schema.Quantity.newBuilder().setValue(value).setUnit("containers")
            .setQualifier("about").setText(text).build()))
        .build();
  }

  @Test
  void signatureReadsWordsAsTheRegexDefinitionDoes() {
    java.util.Random r = new java.util.Random(7);
    String alphabet = "abcXYZ019.,-' \u00e9\u0130\u00bd\u2013\ud835\udc00 ofthesaid";
    List<String> texts = new ArrayList<>(List.of(SeedTexts.SEED_000, SeedTexts.SEED_001,
        "-3.5%, North-Korea's 7,000 'containers' -- since 2023.", "..., - -- x-y-z"));
    for (int k = 0; k < 2000; k++) {
      StringBuilder b = new StringBuilder();
      for (int c = r.nextInt(30); c > 0; c--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      texts.add(b.toString());
    }
    for (String t : texts) {
      assertEquals(regexSignature(t), ClaimAligner.signature(t), t);
    }
  }

  /** The signature as first written, with regexes: the reference the scanner must agree with. */
  private static java.util.Set<String> regexSignature(String content) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String raw : content.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}.,-]+")) {
      String w = raw.replaceAll("^[.,-]+|[.,-]+$", "");
      if (w.isEmpty() || ClaimAligner.STOP.contains(w)) {
        continue;
      }
      if (w.matches("[\\d.,]+")) {
        out.add(w.replace(",", ""));
        continue;
      }
      for (String part : w.split("-")) {
        if (!part.isEmpty() && !ClaimAligner.STOP.contains(part)) {
          out.add(ClaimAligner.stem(part));
        }
      }
    }
    return out;
  }

  @Test
  void indexedPairSearchAlignsAsComparingAllPairsDoes() {
    java.util.Random r = new java.util.Random(11);
    String[] vocabulary = ("north korea shipped containers russia missiles seoul minister said about 7,000 "
        + "weapons tests sanctions united states companies individuals leader sister denied accused").split(" ");
    List<Claim> input = new ArrayList<>();
    for (int k = 0; k < 400; k++) {
      StringBuilder b = new StringBuilder();
      for (int w = 3 + r.nextInt(8); w > 0; w--) {
        b.append(vocabulary[r.nextInt(vocabulary.length)]).append(' ');
      }
      input.add(claim(String.format("c%03d", k), "art" + r.nextInt(40), b.toString().trim(), 1000 * r.nextInt(3)));
    }
    for (int cap : new int[] {ClaimAligner.DEFAULT_MAX_CLAIMS, 150}) {
      List<Claim> out = new ClaimAligner(cap).align("s", input).claims();
      // Reference: union every pair of different articles whose signatures are the same claim.
      List<Claim> sorted = new ArrayList<>(out);
      int n = Math.min(cap, sorted.size());
      int[] component = new int[sorted.size()];
      for (int i = 0; i < component.length; i++) {
        component[i] = i;
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (!sorted.get(i).getArticleId().equals(sorted.get(j).getArticleId()) && ClaimAligner.same(
              ClaimAligner.signature(sorted.get(i).getContent()), ClaimAligner.signature(sorted.get(j).getContent()))) {
            int from = component[j];
            int to = component[i];
            for (int k = 0; k < component.length; k++) {
              if (component[k] == from) {
                component[k] = to;
              }
            }
          }
        }
      }
      int aligned = 0;
      for (int i = 0; i < sorted.size(); i++) {
        java.util.TreeSet<String> articles = new java.util.TreeSet<>();
        for (int j = 0; j < sorted.size(); j++) {
          boolean together = component[i] == component[j];
          assertEquals(together, sorted.get(i).getClaimKey().equals(sorted.get(j).getClaimKey()), i + " " + j);
          if (together && !sorted.get(j).getArticleId().equals(sorted.get(i).getArticleId())) {
            articles.add(sorted.get(j).getArticleId());
          }
        }
        assertEquals(new ArrayList<>(articles), sorted.get(i).getCorroboratingArticles());
        aligned += articles.isEmpty() ? 0 : 1;
      }
      assertTrue(aligned > 50 && aligned < sorted.size(), "a test that can fail: " + aligned);
    }
  }
}
