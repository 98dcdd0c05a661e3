package dev.newsfold.stories;

import dev.newsfold.StageClock;
import dev.newsfold.clean.ArticleIds;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Story;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Joins duplicate coverage into stories: copies (MinHash over word shingles, LSH bands, verified by estimated
 * Jaccard) and rewrites (rarity-weighted story keys: names, numbers, title and lead terms; candidates from shared rare
 * keys, verified by TF-IDF cosine over the keys within a publication-time window), clustered with a size guard.
 *
 * <p>No step compares all pairs: candidates come from blocks (an LSH band, a key term); a block larger than
 * {@code maxBlock} is capped (band blocks) or skipped as too common (key terms), and both are counted. Every grouping
 * is by hash bucket, so the DirectRunner makes a few large bundles rather than one per key. The final union-find runs
 * on one worker over the edge list, which is linear in the corpus (bounded edges per article) and small.
 */
public class JoinStories extends PTransform<PCollection<Article>, JoinStories.Result> {

  /** The two outputs: articles with story_id, duplicate_of and simhash filled, and the stories table. */
  public static final class Result implements POutput {
    private final PCollection<Article> articles;
    private final PCollection<Story> stories;

    Result(PCollection<Article> articles, PCollection<Story> stories) {
      this.articles = articles;
      this.stories = stories;
    }

    public PCollection<Article> articles() {
      return articles;
    }

    public PCollection<Story> stories() {
      return stories;
    }

    @Override
    public org.apache.beam.sdk.Pipeline getPipeline() {
      return articles.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(new TupleTag<Article>("articles"), articles, new TupleTag<Story>("stories"), stories);
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input,
        PTransform<?, ?> transform) {}
  }

  // ---- parameters (see docs/stories.md for why these values)
  private double copyJaccard = 0.5;
  private double rewriteCosine = 0.3;
  private double strongCosine = 0.5;
  private int keyTerms = 25;
  private int maxBlock = 500;
  private int windowDays = 3;
  private int maxStory = 300;
  private int buckets = 64;

  public static JoinStories create() {
    return new JoinStories();
  }

  /** Estimated Jaccard of word 5-gram shingles above which two articles are copies (default 0.5). */
  public JoinStories withCopyJaccard(double v) {
    copyJaccard = v;
    return this;
  }

  /** TF-IDF cosine over story keys above which two articles are the same story (default 0.25). */
  public JoinStories withRewriteCosine(double v) {
    rewriteCosine = v;
    return this;
  }

  /** Cosine at which a rewrite edge may merge two stories; weaker edges only attach lone articles (default 0.5). */
  public JoinStories withStrongCosine(double v) {
    strongCosine = v;
    return this;
  }

  /** Story-key terms kept per article, the rarest-weighted first (default 25). */
  public JoinStories withKeyTerms(int v) {
    keyTerms = v;
    return this;
  }

  /** Largest candidate block; band blocks are capped, key terms this common are skipped (default 500). */
  public JoinStories withMaxBlock(int v) {
    maxBlock = v;
    return this;
  }

  /** Rewrites more than this many days apart are not joined (default 3; articles without a date always may). */
  public JoinStories withWindowDays(int v) {
    windowDays = v;
    return this;
  }

  /** Largest story a rewrite edge may grow (default 300). */
  public JoinStories withMaxStory(int v) {
    maxStory = v;
    return this;
  }

  // ---- records moved between steps (Avro-reflect coded)

  /** A term of one article with its weight (tf before rarity, tf-idf after). */
  @DefaultCoder(AvroCoder.class)
  public static class TermPosting implements Serializable {
    public String term;
    public String node;
    public double weight;
    public int day;

    public TermPosting() {}

    TermPosting(String term, String node, double weight, int day) {
      this.term = term;
      this.node = node;
      this.weight = weight;
      this.day = day;
    }
  }

  /** One article in one LSH band. */
  @DefaultCoder(AvroCoder.class)
  public static class BandPosting implements Serializable {
    public long band;
    public String node;
    public int[] signature;

    public BandPosting() {}

    BandPosting(long band, String node, int[] signature) {
      this.band = band;
      this.node = node;
      this.signature = signature;
    }
  }

  /** A verified or partial pair score between two nodes (a < b). */
  @DefaultCoder(AvroCoder.class)
  public static class Pair implements Serializable {
    public String a;
    public String b;
    public double score;
    public boolean copy;

    public Pair() {}

    Pair(String a, String b, double score, boolean copy) {
      this.a = a;
      this.b = b;
      this.score = score;
      this.copy = copy;
    }
  }

  static final int NO_DAY = Integer.MIN_VALUE;

  /** Sort key of an article: publication day first, then id, so the smallest node is the earliest article. */
  static String node(Article a) {
    int day = a.getPublishedDate() == null ? 99_999 : (int) a.getPublishedDate().toEpochDay() + 50_000;
    return String.format("%06d|%s", day, a.getArticleId());
  }

  static String idOf(String node) {
    return node.substring(node.indexOf('|') + 1);
  }

  static int bucket(Object key, int buckets) {
    return Math.floorMod(key.hashCode() * 0x9E3779B1, buckets);
  }

  @Override
  public Result expand(PCollection<Article> articles) {
    final int b = buckets;
    PCollectionView<Long> total = articles.apply("CountArticles", Count.globally()).apply(View.asSingleton());

    // 1. Fingerprints: key-term postings and LSH band postings.
    TupleTag<KV<Integer, TermPosting>> termsTag = new TupleTag<>() {};
    TupleTag<KV<Integer, BandPosting>> bandsTag = new TupleTag<>() {};
    PCollectionTuple prints = articles.apply("Fingerprint", ParDo.of(new DoFn<Article, KV<Integer, TermPosting>>() {
      private final StageClock clock = new StageClock("stories");

      @ProcessElement
      public void process(@Element Article a, MultiOutputReceiver out) {
        long t = clock.start();
        String node = node(a);
        int day = a.getPublishedDate() == null ? NO_DAY : (int) a.getPublishedDate().toEpochDay();
        for (Map.Entry<String, Double> e : Fingerprints.keyTerms(a.getTitle(), a.getText()).entrySet()) {
          out.get(termsTag).output(KV.of(bucket(e.getKey(), b), new TermPosting(e.getKey(), node, e.getValue(),
              day)));
        }
        int[] sig = Fingerprints.minHash(a.getText());
        for (long band : Fingerprints.bandKeys(sig)) {
          out.get(bandsTag).output(KV.of(bucket(band, b), new BandPosting(band, node, sig)));
        }
        clock.stop(t);
      }
    }).withOutputTags(termsTag, TupleTagList.of(bandsTag)));
    PCollection<KV<Integer, TermPosting>> terms = prints.get(termsTag)
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(TermPosting.class)));
    PCollection<KV<Integer, BandPosting>> bands = prints.get(bandsTag)
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(BandPosting.class)));

    // 2. Rarity: document frequency per term (a term's block), tf-idf per posting, back to the article's bucket.
    final int cap = maxBlock;
    PCollection<KV<Integer, TermPosting>> weighted = terms.apply("GroupTerms", GroupByKey.create())
        .apply("WeighByRarity", ParDo.of(new DoFn<KV<Integer, Iterable<TermPosting>>, KV<Integer, TermPosting>>() {
          private final Counter common = Metrics.counter("stories", "key_terms_too_common");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<TermPosting>> group, ProcessContext c) {
            long n = Math.max(2, c.sideInput(total));
            Map<String, List<TermPosting>> byTerm = new HashMap<>();
            for (TermPosting p : group.getValue()) {
              byTerm.computeIfAbsent(p.term, k -> new ArrayList<>()).add(p);
            }
            for (List<TermPosting> postings : byTerm.values()) {
              int df = postings.size();
              if (df < 2) {
                continue; // a term no other article has cannot join anything
              }
              if (df > cap) {
                common.inc();
                continue;
              }
              double idf = Math.log(1 + (double) n / df); // smoothed: a corpus of two still weighs terms
              for (TermPosting p : postings) {
                c.output(KV.of(bucket(p.node, b), new TermPosting(p.term, p.node, p.weight * idf, p.day)));
              }
            }
          }
        }).withSideInputs(total))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(TermPosting.class)));

    // 3. Story key: each article's top terms, normalised to a unit vector, sent to the term's bucket.
    final int k = keyTerms;
    PCollection<KV<Integer, TermPosting>> keys = weighted.apply("GroupByArticle", GroupByKey.create())
        .apply("StoryKeys", ParDo.of(new DoFn<KV<Integer, Iterable<TermPosting>>, KV<Integer, TermPosting>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<TermPosting>> group,
              OutputReceiver<KV<Integer, TermPosting>> out) {
            Map<String, List<TermPosting>> byNode = new HashMap<>();
            for (TermPosting p : group.getValue()) {
              byNode.computeIfAbsent(p.node, x -> new ArrayList<>()).add(p);
            }
            for (List<TermPosting> postings : byNode.values()) {
              postings.sort((x, y) -> x.weight != y.weight ? Double.compare(y.weight, x.weight)
                  : x.term.compareTo(y.term));
              List<TermPosting> top = postings.subList(0, Math.min(k, postings.size()));
              double norm = 0;
              for (TermPosting p : top) {
                norm += p.weight * p.weight;
              }
              norm = Math.sqrt(norm);
              for (TermPosting p : top) {
                out.output(KV.of(bucket(p.term, b), new TermPosting(p.term, p.node, p.weight / norm, p.day)));
              }
            }
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(TermPosting.class)));

    // 4. Rewrite candidates: articles sharing a key term; partial dot products summed per pair = cosine.
    final int window = windowDays;
    PCollection<KV<Integer, Pair>> partial = keys.apply("GroupKeys", GroupByKey.create())
        .apply("KeyPairs", ParDo.of(new DoFn<KV<Integer, Iterable<TermPosting>>, KV<Integer, Pair>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<TermPosting>> group,
              OutputReceiver<KV<Integer, Pair>> out) {
            Map<String, List<TermPosting>> byTerm = new TreeMap<>();
            for (TermPosting p : group.getValue()) {
              byTerm.computeIfAbsent(p.term, x -> new ArrayList<>()).add(p);
            }
            for (List<TermPosting> postings : byTerm.values()) {
              for (int i = 0; i < postings.size(); i++) {
                for (int j = i + 1; j < postings.size(); j++) {
                  TermPosting x = postings.get(i);
                  TermPosting y = postings.get(j);
                  if (x.day != NO_DAY && y.day != NO_DAY && Math.abs(x.day - y.day) > window) {
                    continue;
                  }
                  String a = x.node.compareTo(y.node) < 0 ? x.node : y.node;
                  String bb = a.equals(x.node) ? y.node : x.node;
                  out.output(KV.of(bucket(a + bb, b), new Pair(a, bb, x.weight * y.weight, false)));
                }
              }
            }
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Pair.class)));
    final double cosine = rewriteCosine;
    PCollection<Pair> rewrites = partial.apply("GroupPairs", GroupByKey.create())
        .apply("VerifyRewrites", ParDo.of(new DoFn<KV<Integer, Iterable<Pair>>, Pair>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<Pair>> group, OutputReceiver<Pair> out) {
            Map<String, Double> sums = new HashMap<>();
            for (Pair p : group.getValue()) {
              sums.merge(p.a + "\t" + p.b, p.score, Double::sum);
            }
            for (Map.Entry<String, Double> e : sums.entrySet()) {
              if (e.getValue() >= cosine) {
                String[] ab = e.getKey().split("\t");
                out.output(new Pair(ab[0], ab[1], e.getValue(), false));
              }
            }
          }
        }))
        .setCoder(AvroCoder.of(Pair.class));

    // 5. Copy candidates: articles sharing an LSH band, verified by estimated Jaccard.
    final double jaccard = copyJaccard;
    PCollection<Pair> copies = bands.apply("GroupBands", GroupByKey.create())
        .apply("VerifyCopies", ParDo.of(new DoFn<KV<Integer, Iterable<BandPosting>>, Pair>() {
          private final Counter capped = Metrics.counter("stories", "band_blocks_capped");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<BandPosting>> group, OutputReceiver<Pair> out) {
            Map<Long, List<BandPosting>> byBand = new HashMap<>();
            for (BandPosting p : group.getValue()) {
              byBand.computeIfAbsent(p.band, x -> new ArrayList<>()).add(p);
            }
            for (List<BandPosting> block : byBand.values()) {
              if (block.size() < 2) {
                continue;
              }
              block.sort((x, y) -> x.node.compareTo(y.node));
              if (block.size() > cap) {
                capped.inc();
                block = block.subList(0, cap);
              }
              for (int i = 0; i < block.size(); i++) {
                for (int j = i + 1; j < block.size(); j++) {
                  double sim = Fingerprints.jaccard(block.get(i).signature, block.get(j).signature);
                  if (sim >= jaccard) {
                    out.output(new Pair(block.get(i).node, block.get(j).node, 1 + sim, true));
                  }
                }
              }
            }
          }
        }))
        .setCoder(AvroCoder.of(Pair.class));

    // 6. Cluster on one worker: the edge list is linear in the corpus and small.
    final int maxStorySize = maxStory;
    final double strong = strongCosine;
    PCollection<KV<Integer, String>> assignments = PCollectionList.of(rewrites).and(copies)
        .apply("AllEdges", Flatten.pCollections())
        .apply("ToOneKey", ParDo.of(new DoFn<Pair, KV<Integer, Pair>>() {
          @ProcessElement
          public void process(@Element Pair p, OutputReceiver<KV<Integer, Pair>> out) {
            out.output(KV.of(0, p));
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Pair.class)))
        .apply("GatherEdges", GroupByKey.create())
        .apply("Cluster", ParDo.of(new DoFn<KV<Integer, Iterable<Pair>>, KV<Integer, String>>() {
          private final Counter refused = Metrics.counter("stories", "merges_refused_by_size_guard");
          private final Counter copyEdges = Metrics.counter("stories", "copy_edges");
          private final Counter rewriteEdges = Metrics.counter("stories", "rewrite_edges");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<Pair>> all, OutputReceiver<KV<Integer, String>> out) {
            List<StoryClusters.Edge> edges = new ArrayList<>();
            for (Pair p : all.getValue()) {
              edges.add(new StoryClusters.Edge(p.a, p.b, p.copy, p.score));
              (p.copy ? copyEdges : rewriteEdges).inc();
            }
            StoryClusters clusters = new StoryClusters().withStrongScore(strong);
            Map<String, StoryClusters.Assignment> result = clusters.cluster(edges, maxStorySize);
            refused.inc(clusters.refusedMerges());
            for (Map.Entry<String, StoryClusters.Assignment> e : new TreeMap<>(result).entrySet()) {
              String id = idOf(e.getKey());
              String canonical = e.getValue().canonical() == null ? "" : idOf(e.getValue().canonical());
              out.output(KV.of(bucket(id, b), id + "\t" + storyId(idOf(e.getValue().storyRoot())) + "\t"
                  + canonical));
            }
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));

    // 7. Back onto the articles.
    TupleTag<Article> articleTag = new TupleTag<>() {};
    TupleTag<String> assignTag = new TupleTag<>() {};
    PCollection<KV<Integer, Article>> keyed = articles
        .apply("ArticlesToBuckets", ParDo.of(new DoFn<Article, KV<Integer, Article>>() {
          @ProcessElement
          public void process(@Element Article a, OutputReceiver<KV<Integer, Article>> out) {
            out.output(KV.of(bucket(a.getArticleId(), b), a));
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Article.class)));
    PCollection<Article> joined = KeyedPCollectionTuple.of(articleTag, keyed).and(assignTag, assignments)
        .apply("JoinAssignments", CoGroupByKey.create())
        .apply("FillStoryFields", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, Article>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<Article> out) {
            Map<String, String[]> byId = new HashMap<>();
            for (String s : group.getValue().getAll(assignTag)) {
              String[] f = s.split("\t", -1);
              byId.put(f[0], f);
            }
            for (Article a : group.getValue().getAll(articleTag)) {
              String[] f = byId.get(a.getArticleId());
              out.output(Article.newBuilder(a)
                  .setStoryId(f == null ? storyId(a.getArticleId()) : f[1])
                  .setDuplicateOf(f == null || f[2].isEmpty() ? null : f[2])
                  .setSimhash(Fingerprints.simHash(a.getText()))
                  .build());
            }
          }
        }))
        .setCoder(AvroCoder.of(Article.class));

    // 8. The stories table.
    PCollection<Story> stories = joined
        .apply("ByStory", ParDo.of(new DoFn<Article, KV<Integer, Article>>() {
          @ProcessElement
          public void process(@Element Article a, OutputReceiver<KV<Integer, Article>> out) {
            out.output(KV.of(bucket(a.getStoryId(), b), a));
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Article.class)))
        .apply("GroupStories", GroupByKey.create())
        .apply("BuildStories", ParDo.of(new DoFn<KV<Integer, Iterable<Article>>, Story>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<Article>> group, OutputReceiver<Story> out) {
            Map<String, List<Article>> byStory = new TreeMap<>();
            for (Article a : group.getValue()) {
              byStory.computeIfAbsent(a.getStoryId(), x -> new ArrayList<>()).add(a);
            }
            for (Map.Entry<String, List<Article>> e : byStory.entrySet()) {
              out.output(story(e.getKey(), e.getValue()));
            }
          }
        }))
        .setCoder(AvroCoder.of(Story.class));
    return new Result(joined, stories);
  }

  /** Deterministic story id from the story's canonical (earliest, then smallest) article id. */
  static String storyId(String rootArticleId) {
    return "s" + ArticleIds.sha256Hex(rootArticleId, 15);
  }

  static Story story(String storyId, List<Article> members) {
    members.sort((x, y) -> node(x).compareTo(node(y)));
    TreeSet<String> ids = new TreeSet<>();
    TreeSet<String> outlets = new TreeSet<>();
    java.time.LocalDate first = null;
    java.time.LocalDate last = null;
    int copies = 0;
    for (Article a : members) {
      ids.add(a.getArticleId());
      if (a.getOutlet() != null) {
        outlets.add(a.getOutlet());
      }
      if (a.getDuplicateOf() != null) {
        copies++;
      }
      java.time.LocalDate d = a.getPublishedDate();
      if (d != null) {
        first = first == null || d.isBefore(first) ? d : first;
        last = last == null || d.isAfter(last) ? d : last;
      }
    }
    // Key terms the members share: terms in at least half of them (names, numbers, title words).
    Map<String, Integer> termCounts = new TreeMap<>();
    if (members.size() > 1) {
      for (Article a : members) {
        for (String t : Fingerprints.keyTerms(a.getTitle(), "").keySet()) {
          termCounts.merge(t, 1, Integer::sum);
        }
      }
    }
    List<String> shared = new ArrayList<>();
    termCounts.forEach((t, c) -> {
      if (c * 2 >= members.size() && shared.size() < 10) {
        shared.add(t);
      }
    });
    Article canonical = members.get(0);
    return Story.newBuilder()
        .setStoryId(storyId)
        .setTitle(canonical.getTitle())
        .setFirstPublished(first)
        .setLastPublished(last)
        .setArticleCount(members.size())
        .setCopyCount(copies)
        .setOutletCount(outlets.size())
        .setArticleIds(new ArrayList<>(ids))
        .setOutlets(new ArrayList<>(outlets))
        .setKeyTerms(shared)
        .setTopEntities(List.of())
        .setClaimCount(0)
        .build();
  }
}
