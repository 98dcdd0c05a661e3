package dev.newsfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkCorpusTest {
  private static final List<String> POOL = List.of("Mandela", "Hussein", "Clinton", "Yeltsin", "Arafat", "Netanyahu",
      "Kohl", "Chirac", "Major", "Bhutto");

  @Test
  void namesKeepGrowingLikeRealNamesInsteadOfStoppingAtThePool() {
    NameDraws draws = new NameDraws(POOL, new Random(7));
    int at10k = 0;
    for (int i = 1; i <= 100_000; i++) {
      String name = draws.draw();
      assertTrue(name.matches("[A-Z][a-z]{2,}"), name);
      if (i == 10_000) {
        at10k = draws.distinct();
      }
    }
    // K ~ n^0.65: ten times the draws give ~4.5 times the names, far beyond the 10 in the pool.
    double growth = Math.log((double) draws.distinct() / at10k) / Math.log(10);
    assertTrue(growth > 0.55 && growth < 0.75, "Heaps exponent " + growth);
    assertTrue(at10k > 10 * POOL.size());
  }

  @Test
  void namesAreThePoolsFirstAndTheSameForTheSameSeed() {
    NameDraws a = new NameDraws(POOL, new Random(3));
    NameDraws b = new NameDraws(POOL, new Random(3));
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String name = a.draw();
      assertEquals(name, b.draw());
      if (first.size() < POOL.size() && !first.contains(name)) {
        first.add(name);
      }
    }
    assertTrue(first.containsAll(POOL), first.toString());
  }

  @Test
  void aLargeStoryLeavesFewNamesInCommonWithItsNeighbour() {
    // Two stories of 40 names each, drawn after 50,000 earlier draws: with the pool alone (10 names) they would share
    // them all; with growing names they share at most the common head.
    NameDraws draws = new NameDraws(POOL, new Random(11));
    for (int i = 0; i < 50_000; i++) {
      draws.draw();
    }
    java.util.Set<String> one = new java.util.HashSet<>();
    java.util.Set<String> two = new java.util.HashSet<>();
    for (int i = 0; i < 40; i++) {
      one.add(draws.draw());
      two.add(draws.draw());
    }
    one.retainAll(two);
    assertTrue(one.size() < 10, "shared " + one);
  }

  @Test
  void theSameSeedWritesTheSameCorpusWithTitlesThatCarryTheStorysNames(@TempDir Path tmp) throws IOException {
    List<String> sentences = List.of(
        "The talks between Mandela and Clinton ended on Monday after 3 days in Pretoria.",
        "Officials said Yeltsin would visit the region next week with 40 advisers.",
        "Analysts expect the agreement to hold until the end of the year, a spokesman for Arafat said.");
    List<String> headlines = List.of("Plosser says Fed may taper faster", "Stocks fall as Yellen hints at 2 hikes");
    Map<String, String> first = write(tmp.resolve("a"), sentences, headlines);
    Map<String, String> second = write(tmp.resolve("b"), sentences, headlines);
    assertEquals(first, second);
    // Titles (a text dump's third line; chrome keeps real headlines): capitalised words never seen in lower case
    // ("Plosser", "Fed") are names and take the story's; "says" stays.
    List<String> titles = first.entrySet().stream().filter(f -> f.getKey().endsWith(".txt"))
        .map(f -> f.getValue().split("\n")).filter(lines -> lines.length > 2).map(lines -> lines[2]).toList();
    assertTrue(titles.size() > 20, titles.toString());
    assertTrue(titles.stream().noneMatch(t -> t.contains("Plosser") || t.contains("Yellen")), titles.toString());
    assertTrue(titles.stream().anyMatch(t -> t.matches("[A-Z][a-z]+ says [A-Z][a-z]+ may taper faster")),
        titles.toString());
  }

  private static Map<String, String> write(Path dir, List<String> sentences, List<String> headlines)
      throws IOException {
    new BenchmarkCorpus(dir, 5, sentences, headlines).write(60);
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile).forEach(f -> {
        try {
          files.put(dir.relativize(f).toString(), f.toString().endsWith(".gz") ? Long.toString(Files.size(f))
              : Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return files;
  }
}
