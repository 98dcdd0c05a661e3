package dev.newsfold.entities;

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Hierarchical distributional word clusters, a cheap stand-in for Brown clusters: every frequent word gets a vector
 * of PPMI-weighted left and right neighbours, and bisecting spherical 2-means splits the vocabulary recursively; a
 * word's cluster is its path of left/right bits ("0110..."), so prefixes of the path give coarser clusters.
 * Deterministic (no random initialisation).
 */
final class WordClusters {
  static final int MIN_COUNT = 3;
  static final int MAX_DEPTH = 12;
  static final int CONTEXT_WORDS = 3000;
  private static final int ITERATIONS = 8;

  private WordClusters() {}

  /**
   * Sentences of unlabelled text: CoNLL training words plus extra files (jsonl 'text', csv 'TITLE', json
   * 'articleBody', or plain lines).
   */
  static List<String[]> corpus(List<NerTrainer.Prepared> train, List<Path> unlabelled) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (NerTrainer.Prepared p : train) {
      out.add(p.words());
    }
    ObjectMapper json = new ObjectMapper();
    for (Path file : unlabelled) {
      String name = file.getFileName().toString();
      if (name.endsWith(".json")) {
        // A JSON object of pages with an "articleBody" each (the article-extraction benchmark's ground truth).
        for (JsonNode page : json.readTree(file.toFile())) {
          if (page.hasNonNull("articleBody")) {
            for (String para : page.get("articleBody").asText().split("\n")) {
              addTokens(para, out);
            }
          }
        }
        continue;
      }
      try (InputStream raw = Files.newInputStream(file);
          InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int titleColumn = -1;
        boolean first = true;
        while ((line = r.readLine()) != null) {
          List<String> texts = new ArrayList<>();
          if (name.contains(".jsonl")) {
            JsonNode node = json.readTree(line);
            if (node.hasNonNull("text")) {
              texts.addAll(Arrays.asList(node.get("text").asText().split("\n")));
            }
          } else if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            List<String> cols = csv(line);
            if (first) {
              titleColumn = cols.indexOf("TITLE");
            } else if (titleColumn >= 0 && titleColumn < cols.size()) {
              texts.add(cols.get(titleColumn));
            }
          } else {
            texts.add(line);
          }
          first = false;
          for (String t : texts) {
            addTokens(t, out);
          }
        }
      }
    }
    return out;
  }

  private static void addTokens(String text, List<String[]> out) {
    List<Token> tokens = NerTokenizer.tokenize(text);
    if (!tokens.isEmpty()) {
      out.add(NameTagger.normalize(tokens.stream().map(Token::text).toArray(String[]::new)));
    }
  }

  private static List<String> csv(String line) {
    List<String> cols = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cols.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    cols.add(sb.toString());
    return cols;
  }

  static Map<String, String> build(List<NerTrainer.Prepared> train, List<Path> unlabelled) throws IOException {
    if (unlabelled.isEmpty()) {
      return new HashMap<>();
    }
    return cluster(corpus(train, unlabelled));
  }

  /** Word to bit path, for words seen at least {@link #MIN_COUNT} times. */
  static Map<String, String> cluster(List<String[]> sentences) {
    Map<String, Integer> counts = new HashMap<>();
    for (String[] s : sentences) {
      for (String w : s) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    List<String> vocab = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= MIN_COUNT) {
        vocab.add(e.getKey());
      }
    }
    // Most frequent first, ties by spelling: fixes every index, so the result is deterministic.
    vocab.sort((a, b) -> counts.get(a).equals(counts.get(b)) ? a.compareTo(b) : counts.get(b) - counts.get(a));
    Map<String, Integer> wordId = new HashMap<>();
    for (String w : vocab) {
      wordId.put(w, wordId.size());
    }
    // Context features: left/right neighbour among the most frequent words (lower-cased), else its shape.
    Map<String, Integer> ctxId = new HashMap<>();
    List<Map<Integer, Double>> cooc = new ArrayList<>();
    for (int i = 0; i < vocab.size(); i++) {
      cooc.add(new HashMap<>());
    }
    Map<String, Integer> lowerCounts = new HashMap<>();
    for (String w : vocab) {
      lowerCounts.merge(w.toLowerCase(java.util.Locale.ROOT), counts.get(w), Integer::sum);
    }
    List<String> ctxWords = new ArrayList<>(lowerCounts.keySet());
    ctxWords.sort((a, b) -> lowerCounts.get(a).equals(lowerCounts.get(b)) ? a.compareTo(b)
        : lowerCounts.get(b) - lowerCounts.get(a));
    java.util.Set<String> ctxSet = new java.util.HashSet<>(ctxWords.subList(0, Math.min(CONTEXT_WORDS,
        ctxWords.size())));
    for (String[] s : sentences) {
      for (int i = 0; i < s.length; i++) {
        Integer id = wordId.get(s[i]);
        if (id == null) {
          continue;
        }
        for (int d : new int[] {-1, 1}) {
          int j = i + d;
          String c;
          if (j < 0 || j >= s.length) {
            c = d < 0 ? "<S>" : "</S>";
          } else {
            String lw = s[j].toLowerCase(java.util.Locale.ROOT);
            c = ctxSet.contains(lw) ? lw : "~" + NerFeatures.shape(s[j], true);
          }
          int cid = ctxId.computeIfAbsent((d < 0 ? "L:" : "R:") + c, k -> ctxId.size());
          cooc.get(id).merge(cid, 1.0, Double::sum);
        }
      }
    }
    int dims = ctxId.size();
    double[] ctxTotals = new double[dims];
    double total = 0;
    for (Map<Integer, Double> m : cooc) {
      for (Map.Entry<Integer, Double> e : m.entrySet()) {
        ctxTotals[e.getKey()] += e.getValue();
        total += e.getValue();
      }
    }
    int n = vocab.size();
    int[][] idx = new int[n][];
    double[][] val = new double[n][];
    for (int w = 0; w < n; w++) {
      Map<Integer, Double> m = cooc.get(w);
      double wTotal = m.values().stream().mapToDouble(Double::doubleValue).sum();
      List<Integer> keys = new ArrayList<>(m.keySet());
      keys.sort(null);
      int[] ix = new int[keys.size()];
      double[] vx = new double[keys.size()];
      double norm = 0;
      int k = 0;
      for (int c : keys) {
        double pmi = Math.log(m.get(c) * total / (wTotal * ctxTotals[c]));
        if (pmi > 0) {
          ix[k] = c;
          vx[k] = pmi;
          norm += pmi * pmi;
          k++;
        }
      }
      norm = Math.sqrt(norm);
      idx[w] = Arrays.copyOf(ix, k);
      val[w] = Arrays.copyOf(vx, k);
      for (int q = 0; q < k; q++) {
        val[w][q] /= norm == 0 ? 1 : norm;
      }
    }
    String[] paths = new String[n];
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    split(all, "", idx, val, dims, paths);
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(vocab.get(i), paths[i]);
    }
    return out;
  }

  private static double dot(int[] ix, double[] vx, double[] centroid) {
    double s = 0;
    for (int q = 0; q < ix.length; q++) {
      s += vx[q] * centroid[ix[q]];
    }
    return s;
  }

  private static void split(int[] members, String path, int[][] idx, double[][] val, int dims, String[] paths) {
    if (path.length() >= MAX_DEPTH || members.length < 8) {
      for (int m : members) {
        paths[m] = path.isEmpty() ? "0" : path;
      }
      return;
    }
    // Seeds: the most frequent member, and the member least similar to it.
    double[] c0 = new double[dims];
    double[] c1 = new double[dims];
    int a = members[0];
    for (int q = 0; q < idx[a].length; q++) {
      c0[idx[a][q]] = val[a][q];
    }
    int b = members[1];
    double worst = Double.MAX_VALUE;
    for (int m : members) {
      double s = dot(idx[m], val[m], c0);
      if (s < worst) {
        worst = s;
        b = m;
      }
    }
    for (int q = 0; q < idx[b].length; q++) {
      c1[idx[b][q]] = val[b][q];
    }
    boolean[] side = new boolean[members.length];
    for (int it = 0; it < ITERATIONS; it++) {
      for (int i = 0; i < members.length; i++) {
        int m = members[i];
        side[i] = dot(idx[m], val[m], c1) > dot(idx[m], val[m], c0);
      }
      Arrays.fill(c0, 0);
      Arrays.fill(c1, 0);
      for (int i = 0; i < members.length; i++) {
        double[] c = side[i] ? c1 : c0;
        int m = members[i];
        for (int q = 0; q < idx[m].length; q++) {
          c[idx[m][q]] += val[m][q];
        }
      }
      normalize(c0);
      normalize(c1);
    }
    int ones = 0;
    for (boolean s : side) {
      ones += s ? 1 : 0;
    }
    if (ones == 0 || ones == members.length) {
      for (int m : members) {
        paths[m] = path.isEmpty() ? "0" : path;
      }
      return;
    }
    int[] left = new int[members.length - ones];
    int[] right = new int[ones];
    int l = 0;
    int r = 0;
    for (int i = 0; i < members.length; i++) {
      if (side[i]) {
        right[r++] = members[i];
      } else {
        left[l++] = members[i];
      }
    }
    split(left, path + "0", idx, val, dims, paths);
    split(right, path + "1", idx, val, dims, paths);
  }

  private static void normalize(double[] c) {
    double n = 0;
    for (double x : c) {
      n += x * x;
    }
    n = Math.sqrt(n);
    if (n > 0) {
      for (int i = 0; i < c.length; i++) {
        c[i] /= n;
      }
    }
  }
}
