package dev.newsfold.entities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NerModelTest {

  @Test
  void readsIob1SpansAsConllevalDoes() {
    // I-ORG I-ORG B-ORG: two organisations; I-PER after O starts a person; I-LOC after I-PER starts a place.
    List<int[]> spans = Conll.spans(List.of("I-ORG", "I-ORG", "B-ORG", "O", "I-PER", "I-LOC"));
    assertEquals(4, spans.size());
    assertArrayEquals(new int[] {0, 2, 1}, spans.get(0));
    assertArrayEquals(new int[] {2, 3, 1}, spans.get(1));
    assertArrayEquals(new int[] {4, 5, 0}, spans.get(2));
    assertArrayEquals(new int[] {5, 6, 2}, spans.get(3));
    int[] bilou = Conll.labels(6, spans);
    assertEquals(spans.size(), NerModel.spans(bilou).size());
  }

  @Test
  void viterbiRespectsBilouConstraints() {
    assertTrue(NerModel.allowed(NerModel.L, NerModel.label(0, 0)));
    assertFalse(NerModel.allowed(NerModel.L, NerModel.label(0, 1)));
    assertFalse(NerModel.allowed(NerModel.label(0, 0), NerModel.label(1, 2)));
    assertTrue(NerModel.allowed(NerModel.label(0, 0), NerModel.label(0, 2)));
    assertFalse(NerModel.allowedLast(NerModel.label(2, 0)));
  }

  @Test
  void learnsAToyTaskAndSurvivesSaveAndLoad() throws Exception {
    List<NerTrainer.Prepared> sents = new ArrayList<>();
    String[][] data = {
        {"Alice", "Smith", "visited", "Paris", "."},
        {"Bob", "Jones", "left", "Berlin", "."},
        {"Carol", "White", "saw", "Rome", "today"},
        {"Dan", "Brown", "visited", "Madrid", "."}};
    for (String[] w : data) {
      List<int[]> spans = List.of(new int[] {0, 2, 0}, new int[] {3, 4, 2});
      sents.add(new NerTrainer.Prepared(w, null, Conll.labels(w.length, spans), spans));
    }
    Map<String, String> clusters = new HashMap<>();
    Gazetteer gaz = Gazetteer.empty();
    List<List<String>[]> feats = new ArrayList<>();
    for (NerTrainer.Prepared p : sents) {
      feats.add(NerFeatures.extract(p.words(), p.pos(), gaz, clusters));
    }
    Map<String, Integer> index = NerTrainer.index(feats);
    int[][][] ids = NerTrainer.ids(index, feats);
    NerTrainer.Weights w = NerTrainer.train(ids, sents, index.size(), List.of(0, 1, 2, 3), 5, null);
    NerModel model = new NerModel(index, w.w(), w.trans(), gaz, clusters);
    for (int i = 0; i < sents.size(); i++) {
      assertArrayEquals(sents.get(i).gold(), model.decode(ids[i]));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    NerModel loaded = NerModel.load(new ByteArrayInputStream(bytes.toByteArray()));
    String[] unseen = {"Eve", "Stone", "visited", "Oslo", "."};
    int[] a = model.decode(model.index(NerFeatures.extract(unseen, null, gaz, clusters)));
    int[] b = loaded.decode(loaded.index(NerFeatures.extract(unseen, null, gaz, clusters)));
    assertArrayEquals(a, b);
    assertEquals(2, NerModel.spans(b).size());
  }

  @Test
  void recoversReutersDocumentsFromHeadlineAndDateline() {
    List<String[]> s = List.of(
        new String[] {"EU", "rejects", "German", "call"}, new String[] {"BRUSSELS", "1996-08-22"},
        new String[] {"The", "Commission", "said", "."}, new String[] {"Rare", "talks", "end"},
        new String[] {"LONDON", "1996-08-23"}, new String[] {"More", "."});
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, Conll.documents(s));
  }
}
