package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation-free tagging path gives what the plain string features give. */
class FastPathTest {
  @Test
  void textBuiltInPiecesHashesAsTheWholeString() {
    FeatureText f = new FeatureText();
    for (String s : List.of("", "b", "w=Kim", "l-1l=north|korean", "s-1ss+1=Xx|Xx|x", "suf4=\u00e9t\u00e9")) {
      int cut = s.length() / 2;
      f.clear().append(s, 0, cut).append(s, cut, s.length());
      assertEquals(FeatureText.hash(s), f.hash(), s);
    }
    assertNotEquals(FeatureText.hash("w=ab"), FeatureText.hash("w=ba"));
    TextTable t = new TextTable(2);
    for (int i = 0; i < 1000; i++) {
      t.put("f" + i, i);
    }
    assertEquals(1000, t.size());
    assertEquals(417L, t.get(new FeatureText().set("f4").append("17")));
    assertEquals(TextTable.ABSENT, t.get("f1000"));
  }

  @Test
  void lookedUpIdsEqualTheStringFeaturesIdsAndTheWordCacheChangesNothing() {
    NerModel model = EntityRecognizer.model();
    NameTagger tagger = new NameTagger(model);
    GreedyPosTagger pos = new GreedyPosTagger();
    List<String[]> doc = new ArrayList<>();
    for (String line : (SeedTexts.BODY_001 + "\n" + SeedTexts.BODY_000).split("\n")) {
      if (!line.isBlank()) {
        doc.add(NerTokenizer.tokenize(line).stream().map(Token::text).toArray(String[]::new));
      }
    }
    // Reference: the training path (feature strings, HashMap index), both passes.
    List<String[]> norms = new ArrayList<>();
    List<String[]> tags = new ArrayList<>();
    List<List<String>[]> feats = new ArrayList<>();
    List<int[]> first = new ArrayList<>();
    for (String[] s : doc) {
      String[] norm = NameTagger.normalize(s);
      norms.add(norm);
      tags.add(pos.tag(norm));
      List<String>[] f = NerFeatures.extract(norm, tags.get(tags.size() - 1), model.gazetteer, model.clusters);
      feats.add(f);
      first.add(model.decode(model.index(f)));
    }
    NerFeatures.addDocumentFeatures(norms, first, feats);
    List<int[]> expected = new ArrayList<>();
    for (List<String>[] f : feats) {
      expected.add(model.docStage.decode(model.docStage.index(f)));
    }
    for (int round = 0; round < 2; round++) { // the second round runs from the word caches
      List<int[]> got = tagger.tagDocument(doc);
      for (int s = 0; s < doc.size(); s++) {
        assertArrayEquals(expected.get(s), got.get(s), String.join(" ", doc.get(s)));
      }
    }
  }
}
