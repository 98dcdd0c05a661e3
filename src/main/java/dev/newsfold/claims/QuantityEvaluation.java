package dev.newsfold.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores {@link QuantityExtractor} on a hand-labelled gold set of Reuters sentences (CoNLL-2003 eng.train, indexes
 * in the file). A predicted quantity matches a gold one of the same sentence with the same value (relative error
 * below 0.5%); value F1 counts those matches, unit F1 additionally needs the same unit (case-insensitive, plural 's'
 * ignored), qualifier F1 the same qualifier class, all-fields F1 all three.
 *
 * <p>Usage: {@code QuantityEvaluation [gold.jsonl] [--verbose]}; default: the test resource
 * claims/quantities-gold.jsonl from the classpath or src/test/resources.
 */
public final class QuantityEvaluation {
  private QuantityEvaluation() {}

  record Gold(Double value, String unit, String qualifier) {}

  record Item(int index, String sentence, List<Gold> gold) {}

  record Scores(int gold, int predicted, int value, int unit, int qualifier, int all) {
    double f1(int matched) { return gold + predicted == 0 ? 1.0 : 2.0 * matched / (gold + predicted); }
  }

  public static void main(String[] args) throws IOException {
    String path = null;
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("--verbose")) {
        verbose = true;
      } else {
        path = a;
      }
    }
    List<Item> items = load(path);
    Scores s = score(QuantityExtractor.create(), items, verbose);
    System.out.printf(Locale.ROOT, "sentences=%d gold=%d predicted=%d%n", items.size(), s.gold(), s.predicted());
    System.out.printf(Locale.ROOT, "value_P=%.3f value_R=%.3f value_F1=%.3f%n", (double) s.value() / s.predicted(),
        (double) s.value() / s.gold(), s.f1(s.value()));
    System.out.printf(Locale.ROOT, "unit_F1=%.3f qualifier_F1=%.3f all_fields_F1=%.3f%n", s.f1(s.unit()),
        s.f1(s.qualifier()), s.f1(s.all()));
  }

  static List<Item> load(String path) throws IOException {
    InputStream in;
    if (path != null) {
      in = Files.newInputStream(Path.of(path));
    } else {
      in = QuantityEvaluation.class.getResourceAsStream("/claims/quantities-gold.jsonl");
      if (in == null) {
        in = Files.newInputStream(Path.of("src/test/resources/claims/quantities-gold.jsonl"));
      }
    }
    ObjectMapper json = new ObjectMapper();
    List<Item> items = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = json.readTree(line);
        List<Gold> gold = new ArrayList<>();
        for (JsonNode q : o.get("quantities")) {
          gold.add(new Gold(q.get("value").isNull() ? null : q.get("value").asDouble(), text(q.get("unit")),
              text(q.get("qualifier"))));
        }
        items.add(new Item(o.get("conll_train_sentence").asInt(), o.get("sentence").asText(), gold));
      }
    }
    return items;
  }

  private static String text(JsonNode n) { return n == null || n.isNull() ? null : n.asText(); }

  static Scores score(QuantityExtractor extractor, List<Item> items, boolean verbose) {
    int gold = 0;
    int pred = 0;
    int value = 0;
    int unit = 0;
    int qual = 0;
    int all = 0;
    for (Item item : items) {
      List<QuantityMention> predicted = extractor.extract(item.sentence());
      gold += item.gold().size();
      pred += predicted.size();
      boolean[] used = new boolean[item.gold().size()];
      List<String> errors = new ArrayList<>();
      for (QuantityMention p : predicted) {
        int match = -1;
        for (int g = 0; g < item.gold().size(); g++) {
          if (!used[g] && sameValue(p.value(), item.gold().get(g).value())) {
            match = g;
            break;
          }
        }
        if (match < 0) {
          errors.add("FP " + p);
          continue;
        }
        used[match] = true;
        Gold g = item.gold().get(match);
        value++;
        boolean u = sameUnit(p.unit(), g.unit());
        boolean q = Objects.equals(p.qualifier(), g.qualifier());
        unit += u ? 1 : 0;
        qual += q ? 1 : 0;
        all += u && q ? 1 : 0;
        if (!u || !q) {
          errors.add("MISMATCH " + p + " gold " + g);
        }
      }
      for (int g = 0; g < used.length; g++) {
        if (!used[g]) {
          errors.add("FN " + item.gold().get(g));
        }
      }
      if (verbose && !errors.isEmpty()) {
        System.out.println("#" + item.index() + " " + item.sentence());
        errors.forEach(e -> System.out.println("   " + e));
      }
    }
    return new Scores(gold, pred, value, unit, qual, all);
  }

  static boolean sameValue(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
  }

  static boolean sameUnit(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return norm(a).equals(norm(b));
  }

  private static String norm(String u) {
    String x = u.toLowerCase(Locale.ROOT).trim();
    return x.endsWith("s") && x.length() > 3 ? x.substring(0, x.length() - 1) : x;
  }
}
