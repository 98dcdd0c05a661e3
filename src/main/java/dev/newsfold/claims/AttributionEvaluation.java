package dev.newsfold.claims;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Measures {@link ClaimExtractor} attribution on PolNeAR (read straight from polnear-train-dev.tar.gz; nothing is
 * extracted or shipped). For each text of the split, one annotator's file (the first by name) is gold. A predicted
 * attributed claim matches a gold attribution when their content spans overlap by at least half of the gold content
 * and at least half of the predicted content ("strict"; "lenient" needs half of the shorter one); matching is
 * one-to-one, best overlap first. Source accuracy: on matched pairs whose gold has a source, the predicted source span
 * overlaps it or the resolved speaker shares a capitalised name word with it. Cue accuracy: cue spans overlap.
 * REPORT claims (unattributed statements) are not attributions and are left out.
 *
 * <p>Usage: {@code AttributionEvaluation [dev|train] [path/to/polnear-train-dev.tar.gz] [--verbose]}; the default
 * path is ${newsfold.data}/polnear/polnear-train-dev.tar.gz, newsfold.data defaulting to ../shared/data.
 */
public final class AttributionEvaluation {
  private AttributionEvaluation() {}

  record Span(int start, int end) {
    int overlap(int s, int e) { return Math.max(0, Math.min(end, e) - Math.max(start, s)); }
  }

  record Gold(List<Span> source, List<Span> cue, List<Span> content, String sourceText) {
    int contentLength() { return content.stream().mapToInt(s -> s.end() - s.start()).sum(); }

  }

  record Doc(String name, String text, List<Gold> gold) {}

  public static void main(String[] args) throws IOException {
    String split = "dev";
    String path = null;
    boolean verbose = false;
    boolean boundaries = false;
    for (String a : args) {
      if (a.equals("--verbose")) {
        verbose = true;
      } else if (a.equals("--boundaries")) {
        boundaries = true;
      } else if (a.equals("dev") || a.equals("train")) {
        split = a;
      } else {
        path = a;
      }
    }
    if (path == null) {
      path = System.getProperty("newsfold.data", "../shared/data") + "/polnear/polnear-train-dev.tar.gz";
    }
    if (!Files.exists(Path.of(path))) {
      System.out.println("PolNeAR not found at " + path + " (set -Dnewsfold.data); nothing measured");
      return;
    }
    List<Doc> docs = load(Path.of(path), split);
    Result r = evaluate(ClaimExtractor.load(), docs, verbose, boundaries);
    System.out.printf(Locale.ROOT, "split=%s texts=%d gold=%d predicted=%d%n", split, docs.size(), r.gold,
        r.predicted);
    System.out.printf(Locale.ROOT, "strict:  matched=%d P=%.3f R=%.3f F1=%.3f%n", r.strict, r.p(r.strict),
        r.r(r.strict), r.f1(r.strict));
    System.out.printf(Locale.ROOT, "lenient: matched=%d P=%.3f R=%.3f F1=%.3f%n", r.lenient, r.p(r.lenient),
        r.r(r.lenient), r.f1(r.lenient));
    System.out.printf(Locale.ROOT, "source_accuracy=%.3f (of %d strict matches with a gold source)%n",
        r.sourceWithGold == 0 ? 0 : (double) r.sourceOk / r.sourceWithGold, r.sourceWithGold);
    System.out.printf(Locale.ROOT, "cue_accuracy=%.3f (of %d strict matches)%n",
        r.strict == 0 ? 0 : (double) r.cueOk / r.strict, r.strict);
    System.out.printf(Locale.ROOT, "extraction: %.0f ms total, %.2f ms per 600 words (first text includes JIT warm-up)%n",
        r.extractNanos / 1e6, r.words == 0 ? 0 : r.extractNanos / 1e6 * 600 / r.words);
    // Thread CPU time does not count the time the thread waited for a core: comparable on a busy machine.
    System.out.printf(Locale.ROOT, "extraction_cpu: %.0f ms total, %.2f ms per 600 words%n", r.extractCpuNanos / 1e6,
        r.words == 0 ? 0 : r.extractCpuNanos / 1e6 * 600 / r.words);
    if (boundaries) {
      System.out.println("boundary classes (strict-unmatched prediction/gold pairs that overlap):");
      r.boundaryClasses.entrySet().stream().sorted((a, b) -> b.getValue()[0] - a.getValue()[0])
          .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  (lenient %4d)  %s%n", e.getValue()[0],
              e.getValue()[1], e.getKey()));
    }
  }

  static final class Result {
    int gold;
    int predicted;
    int strict;
    int lenient;
    int sourceOk;
    int sourceWithGold;
    int cueOk;
    long extractNanos;
    long extractCpuNanos;
    long words;
    final Map<String, int[]> boundaryClasses = new TreeMap<>();

    double p(int m) { return predicted == 0 ? 0 : (double) m / predicted; }

    double r(int m) { return gold == 0 ? 0 : (double) m / gold; }

    double f1(int m) { return gold + predicted == 0 ? 0 : 2.0 * m / (gold + predicted); }
  }

  static Result evaluate(ClaimExtractor extractor, List<Doc> docs, boolean verbose) {
    return evaluate(extractor, docs, verbose, false);
  }

  static Result evaluate(ClaimExtractor extractor, List<Doc> docs, boolean verbose, boolean boundaries) {
    Result r = new Result();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (Doc d : docs) {
      List<ExtractedClaim> pred = new ArrayList<>();
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      List<ExtractedClaim> all = extractor.extract(d.text());
      r.extractNanos += System.nanoTime() - t0;
      r.extractCpuNanos += mx.getCurrentThreadCpuTime() - c0;
      r.words += d.text().split("\\s+").length;
      for (ExtractedClaim c : all) {
        if (c.attributed()) {
          pred.add(c);
        }
      }
      r.gold += d.gold().size();
      r.predicted += pred.size();
      r.strict += match(d, pred, true, r, verbose, boundaries);
      r.lenient += match(d, pred, false, null, false, false);
    }
    return r;
  }

  /** One-to-one greedy matching by overlap ratio; returns the number of matches. */
  private static int match(Doc d, List<ExtractedClaim> pred, boolean strict, Result r, boolean verbose,
      boolean boundaries) {
    boundaries &= strict;
    List<double[]> pairs = new ArrayList<>();
    for (int p = 0; p < pred.size(); p++) {
      ExtractedClaim c = pred.get(p);
      int pl = c.contentLength(); // a quote resumed after its attribution: the attribution is not content
      for (int g = 0; g < d.gold().size(); g++) {
        Gold gold = d.gold().get(g);
        int gl = gold.contentLength();
        int ov = gold.content().stream().mapToInt(x -> c.contentOverlap(x.start(), x.end())).sum();
        if (ov == 0 || gl == 0 || pl == 0) {
          continue;
        }
        boolean ok = strict ? 2 * ov >= gl && 2 * ov >= pl : 2 * ov >= Math.min(gl, pl);
        if (ok) {
          pairs.add(new double[] {(double) ov / Math.max(gl, pl), p, g});
        } else if (strict && verbose && 2 * ov >= Math.min(gl, pl)) {
          Span f = gold.content().get(0);
          System.out.println("BOUNDARY " + d.name() + " pred=[" + c.content() + "] gold=["
              + d.text().substring(f.start(), Math.max(f.end(), gold.content().get(gold.content().size() - 1).end())).replace('\n', ' ')
              + "]");
        }
      }
    }
    boolean[] usedP = new boolean[pred.size()];
    boolean[] usedG = new boolean[d.gold().size()];
    int m = 0;
    for (double[] x : oneToOne(pairs, usedP, usedG)) {
      int p = (int) x[1];
      int g = (int) x[2];
      m++;
      if (boundaries && r != null) {
        printPair("BMATCH\tmatch\t=\t=\tS", d, pred.get(p), d.gold().get(g),
            trimmedSpans(d.text(), pred.get(p), d.gold().get(g)));
      }
      if (verbose && r != null) {
        System.out.println("TP " + d.name() + " [" + pred.get(p).speakerMention() + " | " + pred.get(p).verb() + "]");
      }
      if (r != null) {
        ExtractedClaim c = pred.get(p);
        Gold gold = d.gold().get(g);
        if (!gold.source().isEmpty()) {
          r.sourceWithGold++;
          boolean ok = sourceMatches(c, gold);
          r.sourceOk += ok ? 1 : 0;
          if (verbose && !ok) {
            System.out.println("SRC " + d.name() + " pred=" + c.speakerMention() + " -> " + c.speaker() + " gold="
                + gold.sourceText());
          }
        }
        boolean cueOk = gold.cue().stream().anyMatch(s -> s.overlap(c.cueStart(), c.cueEnd()) > 0);
        r.cueOk += cueOk ? 1 : 0;
      }
    }
    if (boundaries && r != null) {
      classifyBoundaries(d, pred, usedP, usedG, r);
    }
    if (verbose) {
      for (int p = 0; p < pred.size(); p++) {
        if (!usedP[p]) {
          ExtractedClaim c = pred.get(p);
          System.out.println("FP " + d.name() + " [" + c.speakerMention() + " | " + c.verb() + "] " + c.content());
        }
      }
      for (int g = 0; g < d.gold().size(); g++) {
        if (!usedG[g]) {
          Gold gold = d.gold().get(g);
          Span first = gold.content().get(0);
          String cue = gold.cue().isEmpty() ? "" : d.text().substring(gold.cue().get(0).start(),
              gold.cue().get(0).end());
          // Why it was missed: its cue lies inside a predicted content (N, nested), its content overlaps a
          // prediction (O, other boundaries or a different attribution), or nothing predicted near it (-).
          int cueAt = gold.cue().isEmpty() ? first.start() : gold.cue().get(0).start();
          String why = "-";
          for (ExtractedClaim c : pred) {
            if (c.contentStart() <= cueAt && cueAt < c.contentEnd()) {
              why = "N";
              break;
            }
            if (gold.content().stream().anyMatch(x -> c.contentOverlap(x.start(), x.end()) > 0)) {
              why = "O";
            }
          }
          System.out.println("FN" + why + " " + d.name() + "@" + cueAt + " [" + gold.sourceText() + " | " + cue + "] "
              + d.text().substring(first.start(), first.end()).replace('\n', ' '));
        }
      }
    }
    return m;
  }

  /**
   * Pairs the predictions and gold attributions left unmatched by the strict rule whose contents overlap (best
   * overlap first, one-to-one) and counts them by how the predicted span differs from the gold one: which end differs,
   * and the first word of the text in one span but not the other. Also counts predictions overlapping two or more
   * unmatched golds (gold split) and golds overlapping two or more unmatched predictions (prediction split).
   */
  private static void classifyBoundaries(Doc d, List<ExtractedClaim> pred, boolean[] usedP, boolean[] usedG,
      Result r) {
    List<double[]> pairs = new ArrayList<>();
    int[] golds = new int[pred.size()];
    int[] preds = new int[d.gold().size()];
    for (int p = 0; p < pred.size(); p++) {
      if (usedP[p]) {
        continue;
      }
      ExtractedClaim c = pred.get(p);
      for (int g = 0; g < d.gold().size(); g++) {
        if (usedG[g]) {
          continue;
        }
        Gold gold = d.gold().get(g);
        int ov = gold.content().stream().mapToInt(x -> c.contentOverlap(x.start(), x.end())).sum();
        if (ov > 0) {
          golds[p]++;
          preds[g]++;
          pairs.add(new double[] {(double) ov / Math.max(gold.contentLength(), c.contentLength()), p, g,
              2 * ov >= Math.min(gold.contentLength(), c.contentLength()) ? 1 : 0});
        }
      }
    }
    for (double[] x : oneToOne(pairs, new boolean[pred.size()], new boolean[d.gold().size()])) {
      int p = (int) x[1];
      int g = (int) x[2];
      ExtractedClaim c = pred.get(p);
      Gold gold = d.gold().get(g);
      String text = d.text();
      Spans t = trimmedSpans(text, c, gold);
      int ps = t.start();
      int pe = t.end();
      int gs = t.goldStart();
      int ge = t.goldEnd();
      String startClass = ps == gs ? "=" : ps > gs ? "gold+" + firstWord(text, gs, ps) : "pred+"
          + firstWord(text, ps, gs);
      String endClass = pe == ge ? "=" : pe > ge ? "pred+" + firstWord(text, ge, pe) : "gold+"
          + firstWord(text, pe, ge);
      String kind;
      if (golds[p] > 1) {
        kind = "gold split (" + golds[p] + " golds in one prediction)";
      } else if (preds[g] > 1) {
        kind = "prediction split (" + preds[g] + " predictions on one gold)";
      } else if (gold.content().size() > 1 && c.gapStart() < 0) {
        kind = "gold discontinuous";
      } else if (text.substring(gs, ge).indexOf('\n') >= 0 && text.substring(ps, pe).indexOf('\n') < 0) {
        kind = "gold across paragraphs";
      } else {
        kind = "start " + (ps == gs ? "=" : ps > gs ? "gold longer" : "pred longer") + ", end "
            + (pe == ge ? "=" : pe > ge ? "pred longer" : "gold longer");
      }
      int[] counts = r.boundaryClasses.computeIfAbsent(kind, k -> new int[2]);
      counts[0]++;
      counts[1] += (int) x[3];
      printPair("BCLASS\t" + kind + "\t" + startClass + "\t" + endClass + "\t" + (x[3] > 0 ? "L" : "-"), d, c, gold,
          t);
    }
  }

  /**
   * The pairs (score, prediction, gold, ...) taken best score first, each prediction and gold at most once; the taken
   * ones are marked in {@code usedP} and {@code usedG}.
   */
  private static List<double[]> oneToOne(List<double[]> pairs, boolean[] usedP, boolean[] usedG) {
    pairs.sort((a, b) -> Double.compare(b[0], a[0]));
    List<double[]> out = new ArrayList<>();
    for (double[] x : pairs) {
      int p = (int) x[1];
      int g = (int) x[2];
      if (!usedP[p] && !usedG[g]) {
        usedP[p] = true;
        usedG[g] = true;
        out.add(x);
      }
    }
    return out;
  }

  /** Predicted and gold content spans, trimmed of spaces and punctuation at both ends. */
  private record Spans(int start, int end, int goldStart, int goldEnd) {}

  private static Spans trimmedSpans(String text, ExtractedClaim c, Gold gold) {
    int gs = trimStart(text, gold.content().get(0).start(), gold.content().get(gold.content().size() - 1).end());
    int ge = trimEnd(text, gs, gold.content().get(gold.content().size() - 1).end());
    int ps = trimStart(text, c.contentStart(), c.contentEnd());
    int pe = trimEnd(text, ps, c.contentEnd());
    return new Spans(ps, pe, gs, ge);
  }

  /** One line per pair for offline analysis: label, text name, trimmed spans relative to the text, both texts. */
  private static void printPair(String label, Doc d, ExtractedClaim c, Gold gold, Spans t) {
    String text = d.text();
    int lo = Math.min(t.goldStart(), t.start());
    System.out.println(label + "\t" + d.name() + "\t" + (t.start() - lo) + "\t" + (t.end() - lo) + "\t"
        + (t.goldStart() - lo) + "\t" + (t.goldEnd() - lo) + "\t" + gold.content().size() + "\t"
        + text.substring(lo, Math.max(t.end(), t.goldEnd())).replace('\n', ' ')
        + "\t" + (c.gapStart() >= 0 ? 1 : 0) + "\t" + c.speakerMention() + " | " + c.verb() + "\t"
        + text.substring(Math.max(0, lo - 40), lo).replace('\n', ' '));
  }

  private static boolean trimmable(char ch) {
    return Character.isWhitespace(ch) || ",.;:!?\"'\u201c\u201d\u2018\u2019\u2014\u2013-()".indexOf(ch) >= 0;
  }

  private static int trimStart(String t, int s, int e) {
    while (s < e && trimmable(t.charAt(s))) {
      s++;
    }
    return s;
  }

  private static int trimEnd(String t, int s, int e) {
    while (e > s && trimmable(t.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** The first word of t[s, e), lower case (a punctuation mark when the difference starts with one). */
  private static String firstWord(String t, int s, int e) {
    String x = t.substring(s, e).strip();
    if (x.isEmpty()) {
      return "";
    }
    int i = 0;
    while (i < x.length() && Character.isLetterOrDigit(x.charAt(i))) {
      i++;
    }
    return i == 0 ? x.substring(0, 1) : x.substring(0, i).toLowerCase(Locale.ROOT);
  }

  private static boolean sourceMatches(ExtractedClaim c, Gold gold) {
    if (c.sourceStart() >= 0 && gold.source().stream().anyMatch(s -> s.overlap(c.sourceStart(), c.sourceEnd()) > 0)) {
      return true;
    }
    if (c.speaker() == null || gold.sourceText() == null) {
      return false;
    }
    for (String w : c.speaker().split("\\s+")) {
      if (w.length() > 1 && Character.isUpperCase(w.charAt(0))
          && (" " + gold.sourceText() + " ").contains(" " + w + " ")) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reading the corpus.

  static List<Doc> load(Path tarGz, String split) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    Map<String, String> anns = new TreeMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tarGz));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        if (e.isDirectory() || !name.startsWith(split + "/") && !name.contains("/" + split + "/")) {
          continue;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        tar.transferTo(buf);
        String content = buf.toString(StandardCharsets.UTF_8);
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (name.contains("/text/") && file.endsWith(".txt")) {
          texts.put(file.substring(0, file.length() - 4), content);
        } else if (name.contains("/attributions/") && file.endsWith(".ann")) {
          anns.put(file, content);
        }
      }
    }
    List<Doc> docs = new ArrayList<>();
    Set<String> done = new java.util.HashSet<>();
    for (Map.Entry<String, String> a : anns.entrySet()) {
      String base = a.getKey().replaceFirst("_[^_]+\\.ann$", "");
      if (!texts.containsKey(base) || !done.add(base)) {
        continue; // one annotator per text: the first file by name
      }
      docs.add(new Doc(base, texts.get(base), parse(a.getValue())));
    }
    return docs;
  }

  private static final Pattern T_LINE = Pattern.compile("^(T\\d+)\\t(\\w+) ([\\d ;]+)\\t?(.*)$");
  private static final Pattern E_LINE = Pattern.compile("^(E\\d+)\\t(.*)$");

  static List<Gold> parse(String ann) {
    Map<String, List<Span>> spans = new TreeMap<>();
    Map<String, String> texts = new TreeMap<>();
    List<Map<String, String>> events = new ArrayList<>();
    for (String line : ann.split("\n")) {
      Matcher t = T_LINE.matcher(line);
      if (t.matches()) {
        List<Span> list = new ArrayList<>();
        for (String part : t.group(3).split(";")) {
          String[] se = part.trim().split(" ");
          list.add(new Span(Integer.parseInt(se[0]), Integer.parseInt(se[1])));
        }
        spans.put(t.group(1), list);
        texts.put(t.group(1), t.group(4));
        continue;
      }
      Matcher m = E_LINE.matcher(line);
      if (m.matches()) {
        Map<String, String> args = new TreeMap<>();
        // Role names vary in case ("Source:" / "source:"); a discontinuous content continues as Content2, ...
        for (String kv : m.group(2).trim().split("\\s+")) {
          int c = kv.indexOf(':');
          if (c > 0) {
            String role = kv.substring(0, c);
            role = role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1).toLowerCase(Locale.ROOT);
            args.merge(role.replaceFirst("^Content\\d+$", "Content"), kv.substring(c + 1), (x, y) -> x + "," + y);
          }
        }
        events.add(args);
      }
    }
    List<Gold> out = new ArrayList<>();
    for (Map<String, String> e : events) {
      if (e.get("Content") == null) {
        continue;
      }
      List<Span> content = new ArrayList<>();
      for (String id : e.get("Content").split(",")) {
        content.addAll(spans.getOrDefault(id, List.of()));
      }
      if (content.isEmpty()) {
        continue;
      }
      content.sort(java.util.Comparator.comparingInt(Span::start));
      String src = e.get("Source");
      String cueId = e.get("Cue");
      List<Span> source = src == null ? List.of() : spans.getOrDefault(src, List.of());
      List<Span> cue = cueId == null ? List.of() : spans.getOrDefault(cueId, List.of());
      out.add(new Gold(source, cue, content, src == null ? null : texts.get(src)));
    }
    return out;
  }
}
