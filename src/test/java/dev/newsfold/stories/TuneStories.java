package dev.newsfold.stories;

import dev.newsfold.schema.Article;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Development aid (not the reported evaluation): runs the pure pieces JoinStories uses (StoryKeyExtractor,
 * JoinStories.verifyBlock, StoryClusterer) in one JVM loop to sweep parameters quickly. Copies are ignored here.
 * Usage: TuneStories DATA_DIR threshold cosineWeight minLinkFraction keySize leadWords vectorSize sizeExponent
 * centroidThreshold (e.g. {@code /work/shared/data 0.1 0.7 0.1 8 1000 64 0.85 0.1}); absorption via -Dcov (0 off,
 * default 0.4), -Dmargin (0.1), -Darounds (2), -Damax (10), -DshortTerms (30); fragment merging via -Dfrag (0 off,
 * default 0.15), -Dfmargin (0.1), -Dfratio (2), -Dfrounds (2); signature terms via -Dsig (ownership, 0 off, default 0.8), -DsigCentral (0.2),
 * -DsigShort (15); -Ddiag=true prints per-story parts,
 * mixed clusters and oracle recalls (recall if every gold story's parts up to k articles joined its largest part).
 */
public final class TuneStories {
  static double exp;
  static double cth;
  public static void main(String[] args) throws Exception {
    Path data = Paths.get(args[0]);
    EvaluateStories.Labelled ecb = EvaluateStories.ecbplus(data.resolve("ecbplus/ecbplus_docs.jsonl.gz"));
    EvaluateStories.Labelled na = EvaluateStories.newsAggregator(data.resolve("news-aggregator/dev.csv"));
    for (String th : args[1].split(",")) {
      for (String cw : args[2].split(",")) {
        for (String lf : args[3].split(",")) {
          JoinStories.Params p = new JoinStories.Params();
          p.storyThreshold = Double.parseDouble(th);
          p.cosineWeight = Double.parseDouble(cw);
          p.minLinkFraction = Double.parseDouble(lf);
          p.minSharedKeyTerms = Integer.getInteger("minShared", 2);
          p.keySize = Integer.parseInt(args[4]);
          p.leadWords = Integer.parseInt(args[5]);
          p.vectorSize = Integer.parseInt(args[6]);
          exp = Double.parseDouble(args[7]);
          cth = Double.parseDouble(args[8]);
          p.dateWindowDays = Integer.getInteger("win", 7);
          p.maxBlockSize = Integer.getInteger("cap", 100);
          System.out.printf("th=%s cw=%s lf=%s | ecb %s | na %s%n", th, cw, lf, score(ecb, p), score(na, p));
        }
      }
    }
  }

  static String score(EvaluateStories.Labelled l, JoinStories.Params p) {
    StoryKeyExtractor x = new StoryKeyExtractor(p.leadWords, p.vectorSize, p.keySize);
    Map<String, Integer> df = new HashMap<>();
    for (Article a : l.articles) {
      for (String t : x.profile(a.getTitle(), a.getText()).counts.keySet()) {
        df.merge(t, 1, Integer::sum);
      }
    }
    Map<String, List<StoryFeatures>> blocks = new HashMap<>();
    Map<String, StoryFeatures> all = new HashMap<>();
    for (Article a : l.articles) {
      StoryFeatures f = x.features(a.getArticleId(), JoinStories.dateOf(a), a.getTitle(), a.getText(),
          t -> df.getOrDefault(t, 0) >= 2 ? df.get(t) : 0, l.articles.size());
      all.put(f.articleId, f);
      for (String k : f.keyTerms) {
        blocks.computeIfAbsent(k, z -> new ArrayList<>()).add(f);
      }
    }
    Set<Edge> edges = new HashSet<>();
    for (List<StoryFeatures> b : blocks.values()) {
      JoinStories.verifyBlock(b, p, edges::add);
    }
    Map<String, StoryClusterer.Assignment> as = new StoryClusterer(p.minLinkFraction, exp).cluster(edges, all,
        cth > 0 ? new CentroidMerger(cth, Integer.getInteger("cterms", 100), 8, p.maxBlockSize, p.dateWindowDays, 4,
            Integer.getInteger("maxMove", 3), Double.parseDouble(System.getProperty("cov", "0.4")),
            Double.parseDouble(System.getProperty("margin", "0.1")), Integer.getInteger("arounds", 2),
            Integer.getInteger("amax", 10), Integer.getInteger("shortTerms", 30),
            Double.parseDouble(System.getProperty("frag", "0.15")),
            Double.parseDouble(System.getProperty("fmargin", "0.1")),
            Double.parseDouble(System.getProperty("fratio", "2")), Integer.getInteger("frounds", 2))
            .withSignatureTerms(Double.parseDouble(System.getProperty("sig", "0.8")),
                Double.parseDouble(System.getProperty("sigCentral", "0.2")), Integer.getInteger("sigShort", 15))
            : null);
    Map<String, String> pred = new HashMap<>();
    for (String id : l.gold.keySet()) {
      StoryClusterer.Assignment a = as.get(id);
      pred.put(id, a == null ? "s-" + id : a.storyId);
    }
    Map<String, String> gold = new HashMap<>(l.gold);
    // -DgoldMerge=a+b,c+d: score as if gold stories a and b were one (diagnostic of label granularity only).
    for (String pair : System.getProperty("goldMerge", "").split(",")) {
      if (pair.contains("+")) {
        String[] ab = pair.split("\\+");
        gold.replaceAll((id, g) -> g.startsWith(ab[1]) ? ab[0] : g.startsWith(ab[0]) ? ab[0] : g);
      }
    }
    ClusterMetrics m = ClusterMetrics.of(gold, pred);
    if (Boolean.getBoolean("diag")) {
      Map<String, Map<String, Integer>> g2p = new HashMap<>();
      Map<String, String> title = new HashMap<>();
      for (Article a : l.articles) {
        title.put(a.getArticleId(), a.getTitle());
      }
      l.gold.forEach((id, g) -> g2p.computeIfAbsent(g, k -> new HashMap<>()).merge(pred.get(id), 1, Integer::sum));
      g2p.forEach((g, pm) -> {
        List<Integer> sizes = new ArrayList<>(pm.values());
        sizes.sort(java.util.Collections.reverseOrder());
        System.out.println("gold " + g + " -> " + sizes.subList(0, Math.min(12, sizes.size())) + " parts=" + sizes.size());
      });
      for (int k : new int[] {1, 3, 10, 30}) {
        double num = 0;
        for (Map<String, Integer> pm : g2p.values()) {
          List<Integer> sizes = new ArrayList<>(pm.values());
          sizes.sort(java.util.Collections.reverseOrder());
          int g = sizes.stream().mapToInt(Integer::intValue).sum();
          int big = sizes.get(0);
          double sq = 0;
          for (int z : sizes.subList(1, sizes.size())) {
            if (z <= k) {
              big += z;
            } else {
              sq += (double) z * z;
            }
          }
          num += (sq + (double) big * big) / g;
        }
        System.out.printf("oracle recall absorbing parts <= %d: %.3f%n", k, num / l.gold.size());
      }
      if (Boolean.getBoolean("strays")) {
        Map<String, Integer> predSize = new HashMap<>();
        pred.values().forEach(v -> predSize.merge(v, 1, Integer::sum));
        l.gold.forEach((id, g) -> {
          if (predSize.get(pred.get(id)) == 1) {
            System.out.println("stray " + g + " | " + title.get(id));
          }
        });
      }
      String show = System.getProperty("show");
      if (show != null) {
        // One gold story's parts: titles, and the centroid cosine between parts (what fragment merging sees).
        Map<String, List<String>> parts = new java.util.TreeMap<>();
        l.gold.forEach((id, g) -> {
          if (g.equals(show)) {
            parts.computeIfAbsent(pred.get(id), k -> new ArrayList<>());
          }
        });
        pred.forEach((id, pc) -> {
          if (parts.containsKey(pc)) {
            parts.get(pc).add(id);
          }
        });
        List<CentroidMerger.Centroid> cs = new ArrayList<>();
        List<String> names = new ArrayList<>(parts.keySet());
        for (String pc : names) {
          CentroidMerger.Centroid c = new CentroidMerger.Centroid(cs.size());
          List<StoryFeatures> fs = new ArrayList<>();
          for (String id : parts.get(pc)) {
            fs.add(all.get(id));
          }
          CentroidMerger.fill(c, fs, 100);
          c.size = fs.size();
          cs.add(c);
          System.out.println("part " + cs.size() + " size=" + fs.size());
          parts.get(pc).stream().limit(6).forEach(id -> System.out.println("    " + l.gold.get(id).substring(0, 6)
              + " | " + title.get(id)));
        }
        for (int i = 0; i < cs.size(); i++) {
          StringBuilder sb = new StringBuilder("cos part " + (i + 1) + ":");
          for (int j = 0; j < cs.size(); j++) {
            sb.append(String.format(" %.2f", i == j ? 1.0 : cs.get(i).cosine(cs.get(j), 1)));
          }
          System.out.println(sb);
        }
      }
      Map<String, Map<String, Integer>> p2g = new HashMap<>();
      l.gold.forEach((id, g) -> p2g.computeIfAbsent(pred.get(id), k -> new HashMap<>()).merge(g, 1, Integer::sum));
      p2g.forEach((pc, gm) -> {
        if (gm.size() > 1) {
          System.out.println("pred " + pc + " mixes " + gm);
        }
      });
    }
    return String.format("B3 P=%.3f R=%.3f F1=%.3f n=%d", m.bcubedPrecision, m.bcubedRecall, m.bcubedF1(),
        pred.values().stream().distinct().count());
  }
}
