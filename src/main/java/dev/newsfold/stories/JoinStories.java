package dev.newsfold.stories;

import dev.newsfold.OnePassCoGroupByKey;
import dev.newsfold.StageClock;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Story;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
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
 * The story fingerprint: marks copies ({@code duplicate_of}, {@code simhash}) and joins copies and rewrites of one
 * event into stories ({@code story_id}, plus one {@link Story} row per story).
 *
 * <p>Steps, each linear in the number of articles:
 * <ol>
 *   <li>Copies: exact content-hash groups, and MinHash LSH bands over word shingles; each band block yields candidate
 *       pairs, verified by the estimated Jaccard of the full signatures.
 *   <li>Rewrites: document frequencies of title/lead terms ({@link DocumentFrequencies}, a map side input); each
 *       article's story key (its rarest names, numbers, title and lead terms) is a set of blocking keys; within each
 *       block pairs are verified by
 *       {@code cosineWeight * tfidfCosine + (1 - cosineWeight) * keyOverlap >= storyThreshold}, inside the
 *       publication-date window.
 *   <li>A block larger than {@code maxBlockSize} is split (members sorted by date then id, overlapping windows of
 *       {@code maxBlockSize}, stride half of it) and counted in the {@code stories/keyBlocksSplit} and
 *       {@code stories/lshBlocksSplit} counters; so each article meets at most about 2 x maxBlockSize others per key.
 *       Key-term blocks are cut before their features are grouped ({@link Blocks#cut} over the members' sort keys),
 *       so no worker holds a frequent term's whole block.
 *   <li>Clustering without gathering the corpus: {@link ConnectedComponents} of the edge graph (large-star /
 *       small-star rounds on hash shards); each component's edges are clustered on their own by
 *       {@link StoryClusterer} (copy groups by union-find, then guarded merging along story edges); then the
 *       centroid level ({@link CentroidRounds}, the distributed form of {@link CentroidMerger}) moves stray
 *       articles into the story whose centroid they match, and absorption moves fragments of headlines into the
 *       larger story whose centroid covers most of their weight, and fragment merging moves a headline cluster of
 *       any size into the headline cluster at least twice its size whose centroid is clearly the most similar to
 *       its own, and a few titles join the story that all but owns one of their terms (signature terms). A worker
 *       holds one component's edges (ids, dates,
 *       scores; no features) or one cluster's features at a time.
 * </ol>
 * Parameters and their reasons: docs/stories.md.
 */
public class JoinStories extends PTransform<PCollection<Article>, JoinStories.Result> {
  static final String NS = "stories";

  /** Seed of the MinHash slots: signatures (and so copies) are the same on every run and runner. */
  static final long MINHASH_SEED = 0x6e657773L;

  /** Tunables; defaults documented in docs/stories.md. */
  static final class Params implements Serializable {
    int numHashes = 96;
    int bands = 48;
    int shingleSize = 3;
    double copyThreshold = 0.3;
    boolean exactCopyCheck = true;
    int leadWords = 1000;
    int vectorSize = 64;
    int keySize = 8;
    double storyThreshold = 0.1;
    double cosineWeight = 0.7;
    double sizeExponent = 0.85;
    double centroidThreshold = 0.1;
    int centroidMaxMove = 3;
    double absorbCoverage = 0.4;
    double absorbMargin = 0.1;
    int absorbMaxSize = 10;
    int absorbShortTerms = 30;
    double fragmentThreshold = 0.15;
    double fragmentMargin = 0.1;
    double fragmentRatio = 2;
    double signatureOwnership = 0.8;
    double signatureCentrality = 0.2;
    int signatureShortTerms = 15;
    int minSharedKeyTerms = 2;
    int dateWindowDays = 7;
    int maxBlockSize = 100;
    double minLinkFraction = 0.1;
    int shards = 64;
    int componentRounds = 6;
    int maxComponentArticles = 20_000;
    int guardRounds = 10;
    int maxLinksPerArticle = 0;

    Params copy() {
      try {
        return (Params) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    protected Object clone() throws CloneNotSupportedException {
      Params p = new Params();
      p.numHashes = numHashes;
      p.bands = bands;
      p.shingleSize = shingleSize;
      p.copyThreshold = copyThreshold;
      p.exactCopyCheck = exactCopyCheck;
      p.leadWords = leadWords;
      p.vectorSize = vectorSize;
      p.keySize = keySize;
      p.storyThreshold = storyThreshold;
      p.cosineWeight = cosineWeight;
      p.sizeExponent = sizeExponent;
      p.centroidThreshold = centroidThreshold;
      p.centroidMaxMove = centroidMaxMove;
      p.absorbCoverage = absorbCoverage;
      p.absorbMargin = absorbMargin;
      p.absorbMaxSize = absorbMaxSize;
      p.absorbShortTerms = absorbShortTerms;
      p.fragmentThreshold = fragmentThreshold;
      p.fragmentMargin = fragmentMargin;
      p.fragmentRatio = fragmentRatio;
      p.signatureOwnership = signatureOwnership;
      p.signatureCentrality = signatureCentrality;
      p.signatureShortTerms = signatureShortTerms;
      p.minSharedKeyTerms = minSharedKeyTerms;
      p.dateWindowDays = dateWindowDays;
      p.maxBlockSize = maxBlockSize;
      p.minLinkFraction = minLinkFraction;
      p.shards = shards;
      p.componentRounds = componentRounds;
      p.maxComponentArticles = maxComponentArticles;
      p.guardRounds = guardRounds;
      p.maxLinksPerArticle = maxLinksPerArticle;
      return p;
    }
  }

  private final Params params;

  private JoinStories(Params params) {
    this.params = params;
  }

  public static JoinStories create() {
    return new JoinStories(new Params());
  }

  private JoinStories with(java.util.function.Consumer<Params> change) {
    Params p = params.copy();
    change.accept(p);
    return new JoinStories(p);
  }

  /** MinHash slots (default 96) and LSH bands (default 48, so 2 rows a band: pairs at Jaccard 0.3 collide with p 0.99). */
  public JoinStories withMinHash(int numHashes, int bands) {
    if (numHashes % bands != 0) {
      throw new IllegalArgumentException("numHashes must be a multiple of bands");
    }
    return with(p -> {
      p.numHashes = numHashes;
      p.bands = bands;
    });
  }

  /** Words per shingle (default 3). */
  public JoinStories withShingleSize(int words) {
    return with(p -> p.shingleSize = words);
  }

  /** Jaccard similarity of word 3-shingles at or above which an article is a copy (default 0.3). */
  public JoinStories withCopyThreshold(double jaccard) {
    return with(p -> p.copyThreshold = jaccard);
  }

  /**
   * Whether a candidate pair whose MinHash estimate lies within three standard errors of the copy threshold is
   * decided on the exact Jaccard of its shingle sets (default true); false decides every pair on the estimate.
   */
  public JoinStories withExactCopyCheck(boolean exact) {
    return with(p -> p.exactCopyCheck = exact);
  }

  /** Body words read for the story key and TF-IDF vector (default 200). */
  public JoinStories withLeadWords(int words) {
    return with(p -> p.leadWords = words);
  }

  /** Terms kept in the TF-IDF vector (default 64) and in the story key (default 8). */
  public JoinStories withKeySizes(int vectorTerms, int keyTerms) {
    return with(p -> {
      p.vectorSize = vectorTerms;
      p.keySize = keyTerms;
    });
  }

  /** Same-story score threshold (default 0.35) and the weight of TF-IDF cosine in it (default 0.6). */
  public JoinStories withStoryThreshold(double threshold, double cosineWeight) {
    return with(p -> {
      p.storyThreshold = threshold;
      p.cosineWeight = cosineWeight;
    });
  }

  /** Articles dated further apart than this are never the same story (default 7 days; undated ones always pass). */
  public JoinStories withDateWindowDays(int days) {
    return with(p -> p.dateWindowDays = days);
  }

  /** Largest block compared pairwise (default 100); larger blocks are split into overlapping windows. */
  public JoinStories withMaxBlockSize(int size) {
    if (size < 2) {
      throw new IllegalArgumentException("maxBlockSize must be at least 2");
    }
    return with(p -> p.maxBlockSize = size);
  }

  /**
   * Anti-chaining guard: clusters A and B merge when the summed edge score between them reaches
   * {@code fraction * (|A| * |B|) ^ exponent} (defaults 0.1 and 0.85).
   */
  public JoinStories withLinkGuard(double fraction, double exponent) {
    return with(p -> {
      p.minLinkFraction = fraction;
      p.sizeExponent = exponent;
    });
  }

  /**
   * Second level: clusters of at most {@code maxMoveSize} articles (default 3) join the cluster whose TF-IDF
   * centroid is at least {@code threshold} (default 0.1) similar; threshold 0 or less turns the level off.
   */
  public JoinStories withCentroidMerge(double threshold, int maxMoveSize) {
    return with(p -> {
      p.centroidThreshold = threshold;
      p.centroidMaxMove = maxMoveSize;
    });
  }

  /**
   * Absorption after the centroid level: a cluster of at most {@code maxSize} headline-length articles (default 10;
   * at most {@code shortTerms} vector terms an article on average, default 30) joins the larger cluster whose
   * centroid covers at least {@code coverage} of its TF-IDF weight (default 0.4; two covered terms at least) when
   * no other cluster comes within {@code margin} (default 0.1). Coverage 0 or less turns it off.
   */
  public JoinStories withAbsorption(double coverage, double margin, int maxSize, int shortTerms) {
    return with(p -> {
      p.absorbCoverage = coverage;
      p.absorbMargin = margin;
      p.absorbMaxSize = maxSize;
      p.absorbShortTerms = shortTerms;
    });
  }

  /**
   * Fragment merging after absorption: a cluster of headline-length articles (as for absorption) of any size joins
   * the headline cluster at least {@code ratio} times its size (default 2) whose centroid has cosine at least
   * {@code threshold} with its own (default 0.15; two shared terms at least) when no other such cluster comes within
   * {@code margin} (default 0.1). Two rounds. Threshold 0 or less turns it off (it also needs the centroid level on).
   */
  public JoinStories withFragmentMerge(double threshold, double margin, double ratio) {
    return with(p -> {
      p.fragmentThreshold = threshold;
      p.fragmentMargin = margin;
      p.fragmentRatio = ratio;
    });
  }

  /**
   * Signature terms after fragment merging, among clusters of titles (at most {@code shortTerms} vector terms an
   * article on average, default 15): a cluster of at most 10 titles joins the larger cluster that owns one of its
   * terms, i.e. holds it in at least {@code ownership} of the titles that have it (default 0.8; must be above 0.5) and
   * in at least {@code centrality} of its own (default 0.2), when all its owned terms agree. Ownership 0 or less turns
   * it off (it also needs the centroid level on).
   */
  public JoinStories withSignatureTerms(double ownership, double centrality, int shortTerms) {
    return with(p -> {
      p.signatureOwnership = ownership;
      p.signatureCentrality = centrality;
      p.signatureShortTerms = shortTerms;
    });
  }

  /** Key terms two articles must share before their similarity counts at all (default 2). */
  public JoinStories withMinSharedKeyTerms(int terms) {
    return with(p -> p.minSharedKeyTerms = terms);
  }

  StoryClusterer clusterer() {
    return new StoryClusterer(params.minLinkFraction, params.sizeExponent);
  }

  static CentroidMerger centroidMerger(Params p) {
    return p.centroidThreshold > 0
        ? new CentroidMerger(p.centroidThreshold, 100, 8, p.maxBlockSize, p.dateWindowDays, 4, p.centroidMaxMove,
            p.absorbCoverage, p.absorbMargin, 2, p.absorbMaxSize, p.absorbShortTerms, p.fragmentThreshold,
            p.fragmentMargin, p.fragmentRatio, 2)
            .withSignatureTerms(p.signatureOwnership, p.signatureCentrality, p.signatureShortTerms)
        : null;
  }

  /**
   * Shards each keyed grouping runs on (default 64): keys are grouped in memory inside a shard, which bounds the
   * number of distinct GroupByKey keys (the DirectRunner slows down sharply with many keys) while leaving this much
   * parallelism to distributed runners.
   */
  public JoinStories withShards(int count) {
    return with(p -> p.shards = count);
  }

  /**
   * Rounds of large-star / small-star for the connected components of the edge graph (default 6; each round halves
   * the depth of a component or better; {@code stories/componentLabelsJumped} > 0 says they did not suffice).
   */
  public JoinStories withComponentRounds(int rounds) {
    return with(p -> p.componentRounds = rounds);
  }

  /**
   * Components of more than {@code maxArticles} articles (default 20,000) are not clustered on one worker but in
   * rounds of guarded merges over cluster pairs ({@link GuardedRounds}), so memory stays bounded however large a
   * component grows. 0 sends every component to the rounds.
   */
  public JoinStories withMaxComponentArticles(int maxArticles) {
    if (maxArticles < 0) {
      throw new IllegalArgumentException("maxArticles must be at least 0");
    }
    return with(p -> p.maxComponentArticles = maxArticles);
  }

  /** Rounds of guarded merges for the components above the one-worker size (default 10). */
  public JoinStories withGuardRounds(int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1");
    }
    return with(p -> p.guardRounds = rounds);
  }

  /**
   * In components clustered in rounds, each article keeps only its {@code maxLinks} strongest story edges (an edge
   * stays when either end keeps it); counted in {@code stories/guardedEdgeEndsCapped}. 0 (the default) keeps all.
   */
  public JoinStories withMaxLinksPerArticle(int maxLinks) {
    if (maxLinks < 0) {
      throw new IllegalArgumentException("maxLinks must be at least 0");
    }
    return with(p -> p.maxLinksPerArticle = maxLinks);
  }

  /** Output: the articles with story fields filled, and one row per story. */
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
      Map<TupleTag<?>, PValue> m = new HashMap<>();
      m.put(new TupleTag<Article>("articles"), articles);
      m.put(new TupleTag<Story>("stories"), stories);
      return m;
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input,
        PTransform<?, ?> transform) {}
  }

  static int dateOf(Article a) {
    LocalDate d = a.getPublishedDate();
    return d == null ? StoryFeatures.NO_DATE : (int) d.toEpochDay();
  }

  /** Shard of a key: GroupByKey runs on shards, and each shard groups its keys in memory (see docs/stories.md). */
  public static int shard(String key, int shards) {
    return (int) Math.floorMod(TextFeatures.hash64(key), (long) shards);
  }

  static <V> PCollection<KV<Integer, Iterable<KV<String, V>>>> groupByShard(String name,
      PCollection<KV<String, V>> in, org.apache.beam.sdk.coders.Coder<V> valueCoder, int shards) {
    return groupByShard(name, in, StringUtf8Coder.of(), valueCoder, shards);
  }

  /** {@link #groupByShard(String, PCollection, org.apache.beam.sdk.coders.Coder, int)} with a coder for the keys. */
  static <V> PCollection<KV<Integer, Iterable<KV<String, V>>>> groupByShard(String name,
      PCollection<KV<String, V>> in, org.apache.beam.sdk.coders.Coder<String> keyCoder,
      org.apache.beam.sdk.coders.Coder<V> valueCoder, int shards) {
    return in.apply(name + "/Shard", ParDo.of(new DoFn<KV<String, V>, KV<Integer, KV<String, V>>>() {
          @ProcessElement
          public void process(@Element KV<String, V> kv, OutputReceiver<KV<Integer, KV<String, V>>> out) {
            out.output(KV.of(shard(kv.getKey(), shards), kv));
          }
        })).setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(keyCoder, valueCoder)))
        .apply(name + "/Group", GroupByKey.create());
  }

  /** In-memory grouping of one shard's values by their real key, keys sorted. */
  static <V> TreeMap<String, List<V>> byKey(Iterable<KV<String, V>> values) {
    TreeMap<String, List<V>> m = new TreeMap<>();
    for (KV<String, V> kv : values) {
      m.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
    }
    return m;
  }

  @Override
  public Result expand(PCollection<Article> input) {
    final Params p = params;
    final int shards = p.shards;
    AvroCoder<Article> articleCoder = AvroCoder.of(Article.class);

    // One extractor (stateless) says which terms an article has, for the frequencies and for its story key.
    final StoryKeyExtractor extractor = new StoryKeyExtractor(p.leadWords, p.vectorSize, p.keySize);

    // 1. Corpus-wide rarity: document frequency of every title/lead term seen in two or more articles.
    PCollectionView<Map<String, Long>> dfView = input
        .apply("DocumentFrequencies", new DocumentFrequencies(extractor, shards,
            DocumentFrequencies.MAX_BUFFERED_TERMS))
        .apply("DocumentFrequencyView", View.asMap());
    PCollectionView<Long> docsView = input.apply("CountArticles", Count.globally())
        .apply("ArticleCountView", View.asSingleton());

    // 2. Per-article fingerprints.
    PCollection<KV<String, StoryFeatures>> features = input
        .apply("StoryKeys", ParDo.of(new DoFn<Article, KV<String, StoryFeatures>>() {
          private final StageClock clock = new StageClock("story_keys");

          @ProcessElement
          public void process(ProcessContext c) {
            long started = clock.start();
            Map<String, Long> df = c.sideInput(dfView);
            long docs = c.sideInput(docsView);
            Article a = c.element();
            c.output(KV.of(a.getArticleId(), extractor.features(a.getArticleId(), dateOf(a), a.getTitle(),
                a.getText(), t -> df.getOrDefault(t, 0L).intValue(), docs)));
            clock.stop(started);
          }
        }).withSideInputs(dfView, docsView))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StoryFeatures.Coder.of()));

    // 3a. Exact copies: star edges from the smallest id of each content-hash group. Only that article goes on to the
    // near-copy search: its copies are already joined to it, and a wire story copied by a thousand sites would
    // otherwise fill every LSH band with the same thousand-member block.
    final TupleTag<List<Edge>> exactTag = new TupleTag<>();
    final TupleTag<KV<String, CopySignature>> representativeTag = new TupleTag<>();
    PCollection<KV<String, CopySignature>> byHash = input
        .apply("MinHash", ParDo.of(new DoFn<Article, KV<String, CopySignature>>() {
          private transient MinHash minHash;

          @ProcessElement
          public void process(@Element Article a, OutputReceiver<KV<String, CopySignature>> out) {
            if (minHash == null) {
              minHash = new MinHash(p.numHashes, p.shingleSize, MINHASH_SEED);
            }
            long[] sig = minHash.signature(TextFeatures.words(a.getText()));
            out.output(KV.of(a.getContentHash(), new CopySignature(a.getArticleId(), dateOf(a), sig)));
          }
        })).setCoder(KvCoder.of(StringUtf8Coder.of(), CopySignature.Coder.of()));
    PCollectionTuple exact = groupByShard("GroupByContentHash", byHash, CopySignature.Coder.of(), shards)
        .apply("ExactCopyEdges", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, CopySignature>>>, List<Edge>>() {
          private final Counter exactCopies = Metrics.counter(NS, "exactCopies");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, CopySignature>>> s, MultiOutputReceiver out) {
            List<Edge> edges = new ArrayList<>();
            for (List<CopySignature> group : byKey(s.getValue()).values()) {
              TreeMap<String, CopySignature> members = new TreeMap<>();
              for (CopySignature m : group) {
                members.put(m.articleId, m);
              }
              CopySignature first = members.firstEntry().getValue();
              out.get(representativeTag).output(KV.of(first.articleId, first));
              for (CopySignature m : members.tailMap(first.articleId, false).values()) {
                edges.add(new Edge(first.articleId, first.date, m.articleId, m.date, Edge.COPY, 1.0));
              }
            }
            exactCopies.inc(edges.size());
            emitBatch(edges, out.get(exactTag)::output);
          }
        }).withOutputTags(exactTag, TupleTagList.of(representativeTag)));
    PCollection<List<Edge>> exactEdges = exact.get(exactTag).setCoder(EDGE_BATCH);
    PCollection<KV<String, CopySignature>> signatures = exact.get(representativeTag)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CopySignature.Coder.of()));

    // 3b. Near copies among the representatives: LSH band blocks, each verified where it lies.
    PCollection<KV<String, String>> bandMembers = signatures
        .apply("LshBands", ParDo.of(new DoFn<KV<String, CopySignature>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<String, CopySignature> s, OutputReceiver<KV<String, String>> out) {
            long[] keys = MinHash.bandKeys(s.getValue().hashes, p.bands);
            for (int b = 0; b < keys.length; b++) {
              if (keys[b] != 0L) {
                out.output(KV.of(bandKey(b, keys[b]), s.getKey()));
              }
            }
          }
        })).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    // Ids first: only articles that share a band block with another article carry their signature further (on real
    // news most articles share none), and each band block is then verified where it lies.
    final TupleTag<KV<String, String>> memberTag = new TupleTag<>();
    final TupleTag<String> splitBandTag = new TupleTag<>();
    PCollectionTuple shared = groupByShard("GroupByBand", bandMembers, StringUtf8Coder.of(), shards)
        .apply("SharedBandBlocks", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>>() {
          private final Counter split = Metrics.counter(NS, "lshBlocksSplit");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, String>>> s, MultiOutputReceiver out) {
            for (Map.Entry<String, List<String>> block : byKey(s.getValue()).entrySet()) {
              List<String> ids = block.getValue();
              if (ids.size() < 2) {
                continue;
              }
              if (ids.size() > p.maxBlockSize) {
                split.inc();
                out.get(splitBandTag).output(block.getKey());
              }
              for (String id : ids) {
                out.get(memberTag).output(KV.of(id, block.getKey()));
              }
            }
          }
        }).withOutputTags(memberTag, TupleTagList.of(splitBandTag)));
    PCollectionView<List<String>> splitBandsView = shared.get(splitBandTag).setCoder(StringUtf8Coder.of())
        .apply("SplitBandsView", View.asList());

    PCollection<KV<String, CopySignature>> bandSignatures = toGroupingKeys("BandSignatures",
        shared.get(memberTag), signatures, CopySignature.Coder.of(), shards);
    final TupleTag<List<Edge>> nearTag = new TupleTag<>();
    final TupleTag<Edge> uncertainTag = new TupleTag<>();
    PCollectionTuple verified = groupByShard("GroupSignaturesByBand", bandSignatures, CopySignature.Coder.of(), shards)
        .apply("VerifyCopies", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, CopySignature>>>, List<Edge>>() {
          private final Counter pairs = Metrics.counter(NS, "lshCandidatePairs");
          private final Counter copies = Metrics.counter(NS, "copyEdges");
          private final Counter linkedAlready = Metrics.counter(NS, "exactCopyChecksSkipped");

          private final SplitBlocks splitBlocks = new SplitBlocks();
          private final StageClock clock = new StageClock("story_compare");

          @ProcessElement
          public void process(ProcessContext c) {
            long t = clock.start();
            Set<String> splitBands = splitBlocks.of(c.sideInput(splitBandsView));
            Set<Edge> out = new HashSet<>();
            Set<Edge> uncertain = new HashSet<>();
            Map<String, long[]> bandKeys = new HashMap<>();
            long members = 0;
            for (Map.Entry<String, List<CopySignature>> block : byKey(c.element().getValue()).entrySet()) {
              pairs.inc(verifyCopyBlock(block.getKey(), block.getValue(), splitBands, bandKeys, p, out::add,
                  uncertain::add));
              members += block.getValue().size();
            }
            copies.inc(out.size());
            emitBatch(new ArrayList<>(out), c::output);
            List<Edge> toCheck = unlinked(uncertain, out);
            linkedAlready.inc(uncertain.size() - toCheck.size());
            toCheck.forEach(e -> c.output(uncertainTag, e));
            clock.stop(t, members);
          }
        }).withSideInputs(splitBandsView).withOutputTags(nearTag, TupleTagList.of(uncertainTag)));
    PCollection<List<Edge>> nearEdges = verified.get(nearTag).setCoder(EDGE_BATCH);
    PCollection<List<Edge>> checkedEdges = verified.get(uncertainTag).setCoder(Edge.Coder.of())
        .apply("ExactCopyCheck", new ExactCopyCheck(input, p));

    // 4. Rewrites: block on each story key term, verify pairs inside the (bounded) block.
    // The members of each term's block meet first as sort keys (date, id: ~40 bytes), not as features. A block of at
    // most maxBlockSize stays whole; a larger one is cut into its windows here, before any features are grouped, so
    // no worker holds a frequent term's whole block however the corpus grows. Blocks of one article are dropped.
    final TupleTag<KV<String, String>> placementTag = new TupleTag<>();
    final TupleTag<String> splitTermTag = new TupleTag<>();
    PCollection<KV<String, String>> termMembers = features
        .apply("KeyTermMembers", ParDo.of(new DoFn<KV<String, StoryFeatures>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<String, StoryFeatures> kv, OutputReceiver<KV<String, String>> out) {
            StoryFeatures f = kv.getValue();
            String memberKey = Blocks.memberKey(f.date, f.articleId);
            for (String t : f.keyTerms) {
              out.output(KV.of(t, memberKey));
            }
          }
        })).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollectionTuple cut = groupByShard("GroupKeyTermMembers", termMembers, StringUtf8Coder.of(), shards)
        .apply("CutKeyBlocks", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>>() {
          private final Counter split = Metrics.counter(NS, "keyBlocksSplit");
          private final Distribution blockSize = Metrics.distribution(NS, "keyBlockSize");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, String>>> s, MultiOutputReceiver out) {
            for (Map.Entry<String, List<String>> block : byKey(s.getValue()).entrySet()) {
              List<String> keys = block.getValue();
              blockSize.update(keys.size());
              if (keys.size() < 2) {
                continue;
              }
              if (keys.size() > p.maxBlockSize) {
                split.inc();
                out.get(splitTermTag).output(block.getKey());
              }
              keys.sort(null);
              Blocks.cut(block.getKey(), keys, p.maxBlockSize, (groupingKey, i) -> out.get(placementTag)
                  .output(KV.of(Blocks.articleIdOf(keys.get(i)), groupingKey)));
            }
          }
        }).withOutputTags(placementTag, TupleTagList.of(splitTermTag)));
    // A pair sharing k key terms meets in k blocks. Blocks at most maxBlockSize long compare all their pairs, so a
    // pair is verified only in its home block (the smallest shared term whose block is not split): the same edges,
    // ~2.5x fewer comparisons and edge records downstream. Only split blocks (few, listed in a side input) repeat.
    PCollectionView<List<String>> splitTermsView = cut.get(splitTermTag).setCoder(StringUtf8Coder.of())
        .apply("SplitKeyTermsView", View.asList());

    PCollection<KV<String, StoryFeatures>> keyBlocks = toGroupingKeys("KeyBlockFeatures", cut.get(placementTag),
        features, StoryFeatures.Coder.of(), shards);
    PCollection<List<Edge>> storyEdges = groupByShard("GroupByKeyTerm", keyBlocks, StoryFeatures.Coder.of(), shards)
        .apply("VerifyRewrites", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, StoryFeatures>>>, List<Edge>>() {
          private final Counter compared = Metrics.counter(NS, "storyPairsCompared");
          private final Counter emitted = Metrics.counter(NS, "storyEdges");

          private final SplitBlocks splitBlocks = new SplitBlocks();
          private final StageClock clock = new StageClock("story_compare");

          @ProcessElement
          public void process(ProcessContext c) {
            long t = clock.start();
            Set<String> splitTerms = splitBlocks.of(c.sideInput(splitTermsView));
            // A pair whose blocks are all split may meet in windows of several terms; keep it once per shard.
            Set<Edge> out = new HashSet<>();
            long members = 0;
            for (Map.Entry<String, List<StoryFeatures>> block : byKey(c.element().getValue()).entrySet()) {
              String key = block.getKey();
              compared.inc(verifyBlock(Blocks.blockOf(key), Blocks.previousWindowLast(key), block.getValue(),
                  splitTerms, p, out::add));
              members += block.getValue().size();
            }
            emitted.inc(out.size());
            emitBatch(new ArrayList<>(out), c::output);
            clock.stop(t, members);
          }
        }).withSideInputs(splitTermsView)).setCoder(EDGE_BATCH);

    // 5. Cluster without gathering the corpus: connected components of the edge graph (rounds over shards), then
    // each component clustered on its own (copy groups, guarded story merging), then the centroid level in rounds.
    PCollection<List<Edge>> edgeBatches = PCollectionList.of(exactEdges).and(nearEdges).and(checkedEdges).and(storyEdges)
        .apply("AllEdges", Flatten.pCollections());
    PCollection<Edge> allEdges = edgeBatches
        .apply("UnbatchEdges", ParDo.of(new DoFn<List<Edge>, Edge>() {
          @ProcessElement
          public void process(@Element List<Edge> batch, OutputReceiver<Edge> out) {
            batch.forEach(out::output);
          }
        })).setCoder(Edge.Coder.of());
    // Components need connectivity only: each batch sends a spanning forest of its edges (every id linked to the
    // smallest id of its batch-local group), so a dense block of 1,000 copies costs ~1,000 pairs, not ~100,000.
    PCollection<KV<String, String>> components = edgeBatches
        .apply("SpanningForests", ParDo.of(new DoFn<List<Edge>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element List<Edge> batch, OutputReceiver<KV<String, String>> out) {
            Map<String, String> parent = new HashMap<>();
            for (Edge e : batch) {
              link(parent, e.a, e.b);
            }
            for (String id : parent.keySet()) {
              String r = root(parent, id);
              if (!r.equals(id)) {
                out.output(KV.of(r, id));
              }
            }
          }
        })).setCoder(ConnectedComponents.PAIR)
        .apply("Components", new ConnectedComponents(p.componentRounds, shards));

    // Components too large for one worker (a crawl whose weak story edges chain into one giant component) are
    // clustered in rounds over cluster pairs instead (GuardedRounds); their labels reach the routing as a side input.
    final int maxOnOneWorker = p.maxComponentArticles;
    PCollectionView<List<String>> largeComponentsView = groupByShard("GroupComponentMembers", components
        .apply("ComponentOfArticle", ParDo.of(new DoFn<KV<String, String>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<String, String> kv, OutputReceiver<KV<String, String>> out) {
            out.output(KV.of(kv.getValue(), ""));
          }
        })).setCoder(ConnectedComponents.PAIR), StringUtf8Coder.of(), shards)
        .apply("LargeComponents", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, String>() {
          private final Counter large = Metrics.counter(NS, "largeComponents");
          private final Counter largeArticles = Metrics.counter(NS, "largeComponentArticles");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, String>>> s, OutputReceiver<String> out) {
            Map<String, Integer> size = new HashMap<>();
            for (KV<String, String> kv : s.getValue()) {
              size.merge(kv.getKey(), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> c : size.entrySet()) {
              if (c.getValue() > maxOnOneWorker) {
                large.inc();
                largeArticles.inc(c.getValue());
                out.output(c.getKey());
              }
            }
          }
        })).setCoder(StringUtf8Coder.of())
        .apply("LargeComponentsView", View.asList());

    // Route each edge (by its first end) to its component. Only edges travel there: clustering inside a component
    // needs ids, dates and scores, not the features, so even a large component costs ~100 bytes an edge.
    final TupleTag<KV<String, String>> componentTag = new TupleTag<>();
    final TupleTag<KV<String, Edge>> edgeByIdTag = new TupleTag<>();
    KvCoder<String, Edge> edgeKv = KvCoder.of(StringUtf8Coder.of(), Edge.Coder.of());
    PCollection<KV<String, Edge>> edgesById = allEdges.apply("KeyEdges", ParDo.of(new DoFn<Edge, KV<String, Edge>>() {
      @ProcessElement
      public void process(@Element Edge e, OutputReceiver<KV<String, Edge>> out) {
        out.output(KV.of(e.a, e));
      }
    })).setCoder(edgeKv);
    final TupleTag<KV<String, Edge>> smallComponentTag = new TupleTag<KV<String, Edge>>() {};
    final TupleTag<Edge> largeComponentTag = new TupleTag<Edge>() {};
    final SplitBlocks largeComponents = new SplitBlocks();
    PCollectionTuple routed = KeyedPCollectionTuple
        .of(componentTag, shardByKey("ShardComponents", components, ConnectedComponents.PAIR, shards))
        .and(edgeByIdTag, shardByKey("ShardEdges", edgesById, edgeKv, shards))
        .apply("JoinComponents", OnePassCoGroupByKey.create())
        .apply("RouteToComponents", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, Edge>>() {
          @ProcessElement
          public void process(ProcessContext ctx) {
            Set<String> large = largeComponents.of(ctx.sideInput(largeComponentsView));
            Map<String, String> comp = new HashMap<>();
            for (KV<String, String> c : ctx.element().getValue().getAll(componentTag)) {
              comp.put(c.getKey(), c.getValue());
            }
            for (KV<String, Edge> e : ctx.element().getValue().getAll(edgeByIdTag)) {
              String c = comp.get(e.getKey());
              if (c == null) { // only for a self-loop (an id repeated in the input): nothing to cluster
                continue;
              }
              if (large.contains(c)) {
                ctx.output(largeComponentTag, e.getValue());
              } else {
                ctx.output(KV.of(c, e.getValue()));
              }
            }
          }
        }).withSideInputs(largeComponentsView)
            .withOutputTags(smallComponentTag, TupleTagList.of(largeComponentTag)));
    PCollection<KV<String, Edge>> edgesByComponent = routed.get(smallComponentTag).setCoder(edgeKv);
    PCollectionTuple rounds = routed.get(largeComponentTag).setCoder(Edge.Coder.of())
        .apply("ClusterLargeComponents", new GuardedRounds(p.minLinkFraction, p.sizeExponent, p.guardRounds,
            p.componentRounds, shards, p.maxLinksPerArticle));

    final TupleTag<KV<String, String>> clustered = new TupleTag<KV<String, String>>() {};
    final TupleTag<KV<String, String>> duplicates = new TupleTag<KV<String, String>>() {};
    final double linkFraction = p.minLinkFraction;
    final double sizeExponent = p.sizeExponent;
    PCollectionTuple level1 = groupByShard("GroupComponents", edgesByComponent, Edge.Coder.of(), shards)
        .apply("ClusterComponents", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Edge>>>, KV<String, String>>() {
          private final Distribution componentSize = Metrics.distribution(NS, "componentSize");
          private final Distribution componentEdges = Metrics.distribution(NS, "componentEdges");
          private final Counter clusteredEdges = Metrics.counter(NS, "clusteredEdges");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Edge>>> s, MultiOutputReceiver out) {
            // Each component's edges go straight into primitive arrays as they stream in (not Edge lists): the
            // largest component grows with the corpus and is clustered on one worker.
            TreeMap<String, EdgeTable.Builder> components = new TreeMap<>();
            for (KV<String, Edge> kv : s.getValue()) {
              components.computeIfAbsent(kv.getKey(), k -> new EdgeTable.Builder()).add(kv.getValue());
            }
            for (Map.Entry<String, EdgeTable.Builder> c; (c = components.pollFirstEntry()) != null; ) {
              // Edges repeat across batches (a pair verified in several shards): the table keeps each once.
              EdgeTable edges = c.getValue().build();
              Map<String, StoryClusterer.Assignment> result = new StoryClusterer(linkFraction, sizeExponent)
                  .cluster(edges, Map.of(), null);
              componentSize.update(result.size());
              componentEdges.update(edges.size);
              clusteredEdges.inc(edges.size);
              for (Map.Entry<String, StoryClusterer.Assignment> e : result.entrySet()) {
                out.get(clustered).output(KV.of(e.getKey(), e.getValue().storyId.substring(2)));
                if (e.getValue().duplicateOf != null) {
                  out.get(duplicates).output(KV.of(e.getKey(), e.getValue().duplicateOf));
                }
              }
            }
          }
        }).withOutputTags(clustered, TupleTagList.of(duplicates)));
    PCollection<KV<String, String>> clusterOf = PCollectionList
        .of(level1.get(clustered).setCoder(ConnectedComponents.PAIR))
        .and(rounds.get(GuardedRounds.CLUSTERED))
        .apply("AllClusters", Flatten.pCollections());
    PCollection<KV<String, String>> duplicateOf = PCollectionList
        .of(level1.get(duplicates).setCoder(ConnectedComponents.PAIR))
        .and(rounds.get(GuardedRounds.DUPLICATES))
        .apply("AllDuplicates", Flatten.pCollections());

    // Features keyed by their cluster (articles without edges are clusters of one) for the centroid level.
    final TupleTag<KV<String, String>> clusterTag = new TupleTag<>();
    final TupleTag<KV<String, StoryFeatures>> featByIdTag = new TupleTag<>();
    KvCoder<String, StoryFeatures> featureKv = KvCoder.of(StringUtf8Coder.of(), StoryFeatures.Coder.of());
    PCollection<KV<String, StoryFeatures>> level2In = KeyedPCollectionTuple
        .of(clusterTag, shardByKey("ShardClusters", clusterOf, ConnectedComponents.PAIR, shards))
        .and(featByIdTag, shardByKey("ShardFeaturesForClusters", features, featureKv, shards))
        .apply("JoinClusters", OnePassCoGroupByKey.create())
        .apply("KeyByCluster", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, StoryFeatures>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<KV<String, StoryFeatures>> out) {
            Map<String, String> cluster = new HashMap<>();
            for (KV<String, String> c : r.getValue().getAll(clusterTag)) {
              cluster.put(c.getKey(), c.getValue());
            }
            for (KV<String, StoryFeatures> f : r.getValue().getAll(featByIdTag)) {
              out.output(KV.of(cluster.getOrDefault(f.getKey(), f.getKey()), f.getValue()));
            }
          }
        })).setCoder(featureKv);
    CentroidMerger merger = centroidMerger(p);
    PCollection<KV<String, StoryFeatures>> merged = merger == null ? level2In
        : level2In.apply("CentroidLevel", new CentroidRounds(merger, merger.rounds(), shards));
    PCollection<KV<String, String>> storyOf = merged
        .apply("StoryOfArticle", ParDo.of(new DoFn<KV<String, StoryFeatures>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<String, StoryFeatures> kv, OutputReceiver<KV<String, String>> out) {
            out.output(KV.of(kv.getValue().articleId, StoryClusterer.storyId(kv.getKey())));
          }
        })).setCoder(ConnectedComponents.PAIR);

    // 6. Fill the article fields; key each article by story for the stories table.
    final TupleTag<KV<String, Article>> articleTag = new TupleTag<>();
    final TupleTag<KV<String, String>> storyTag = new TupleTag<>();
    final TupleTag<KV<String, String>> dupTag = new TupleTag<>();
    final TupleTag<KV<String, StoryFeatures>> featureTag = new TupleTag<>();
    final TupleTag<Article> outArticles = new TupleTag<Article>() {};
    final TupleTag<KV<String, KV<Article, List<String>>>> outMembers =
        new TupleTag<KV<String, KV<Article, List<String>>>>() {};
    PCollection<KV<String, Article>> byId = input.apply("KeyArticles",
        ParDo.of(new DoFn<Article, KV<String, Article>>() {
          @ProcessElement
          public void process(@Element Article a, OutputReceiver<KV<String, Article>> out) {
            out.output(KV.of(a.getArticleId(), a));
          }
        })).setCoder(KvCoder.of(StringUtf8Coder.of(), articleCoder));
    PCollectionTuple filled = KeyedPCollectionTuple
        .of(articleTag, shardByKey("ShardArticles", byId, KvCoder.of(StringUtf8Coder.of(), articleCoder), shards))
        .and(storyTag, shardByKey("ShardStoryIds", storyOf, ConnectedComponents.PAIR, shards))
        .and(dupTag, shardByKey("ShardDuplicates", duplicateOf, ConnectedComponents.PAIR, shards))
        .and(featureTag, shardByKey("ShardFeatures", features,
            KvCoder.of(StringUtf8Coder.of(), StoryFeatures.Coder.of()), shards))
        .apply("JoinAssignments", OnePassCoGroupByKey.create())
        .apply("FillStoryFields", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, Article>() {
          private final StageClock clock = new StageClock("story_assign");

          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, MultiOutputReceiver out) {
            long t = clock.start();
            long filled = 0;
            Map<String, String> storyIds = new HashMap<>();
            for (KV<String, String> a : r.getValue().getAll(storyTag)) {
              storyIds.put(a.getKey(), a.getValue());
            }
            Map<String, String> dups = new HashMap<>();
            for (KV<String, String> a : r.getValue().getAll(dupTag)) {
              dups.put(a.getKey(), a.getValue());
            }
            Map<String, StoryFeatures> feats = new HashMap<>();
            for (KV<String, StoryFeatures> f : r.getValue().getAll(featureTag)) {
              feats.put(f.getKey(), f.getValue());
            }
            for (KV<String, Article> kv : r.getValue().getAll(articleTag)) {
              String id = kv.getKey();
              String storyId = storyIds.getOrDefault(id, StoryClusterer.storyId(id));
              String dup = dups.get(id);
              Article a = kv.getValue();
              Article filledArticle = Article.newBuilder(a)
                  .setStoryId(storyId)
                  .setDuplicateOf(dup)
                  .setSimhash(SimHash.of(TextFeatures.words(a.getText())))
                  .build();
              out.get(outArticles).output(filledArticle);
              out.get(outMembers).output(KV.of(storyId,
                  KV.of(filledArticle, Arrays.asList(feats.get(id).keyTerms))));
              filled++;
            }
            clock.stop(t, filled);
          }
        }).withOutputTags(outArticles, TupleTagList.of(outMembers)));
    PCollection<Article> articles = filled.get(outArticles).setCoder(articleCoder);
    KvCoder<Article, List<String>> memberCoder = KvCoder.of(articleCoder, ListCoder.of(StringUtf8Coder.of()));
    PCollection<Story> stories = groupByShard("GroupByStory",
        filled.get(outMembers).setCoder(KvCoder.of(StringUtf8Coder.of(), memberCoder)), memberCoder, shards)
        .apply("BuildStories", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, KV<Article, List<String>>>>>, Story>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, KV<Article, List<String>>>>> s,
              OutputReceiver<Story> out) {
            for (Map.Entry<String, List<KV<Article, List<String>>>> story : byKey(s.getValue()).entrySet()) {
              out.output(StoryBuilder.build(story.getKey(), story.getValue()));
            }
          }
        })).setCoder(AvroCoder.of(Story.class));
    return new Result(articles, stories);
  }

  /**
   * Sends each article's value to the grouping keys it was placed under: {@code placements} are (article id,
   * grouping key), {@code values} (article id, value); a join by article id, on shards. Articles without a placement
   * send nothing, so only the few that share a block travel on with their value.
   */
  static <V> PCollection<KV<String, V>> toGroupingKeys(String name, PCollection<KV<String, String>> placements,
      PCollection<KV<String, V>> values, org.apache.beam.sdk.coders.Coder<V> valueCoder, int shards) {
    KvCoder<String, String> placementCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    KvCoder<String, V> valueKvCoder = KvCoder.of(StringUtf8Coder.of(), valueCoder);
    final TupleTag<KV<String, String>> placedTag = new TupleTag<>();
    final TupleTag<KV<String, V>> valueTag = new TupleTag<>();
    return KeyedPCollectionTuple
        .of(placedTag, shardByKey(name + "/ShardPlacements", placements.setCoder(placementCoder), placementCoder,
            shards))
        .and(valueTag, shardByKey(name + "/ShardValues", values, valueKvCoder, shards))
        .apply(name + "/JoinById", OnePassCoGroupByKey.create())
        .apply(name + "/ToGroupingKeys", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, V>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<KV<String, V>> out) {
            Map<String, V> byId = new HashMap<>();
            for (KV<String, V> v : r.getValue().getAll(valueTag)) {
              byId.put(v.getKey(), v.getValue());
            }
            for (KV<String, String> m : r.getValue().getAll(placedTag)) {
              V v = byId.get(m.getKey());
              if (v != null) {
                out.output(KV.of(m.getValue(), v));
              }
            }
          }
        })).setCoder(valueKvCoder);
  }

  static <V> PCollection<KV<Integer, KV<String, V>>> shardByKey(String name, PCollection<KV<String, V>> in,
      KvCoder<String, V> coder, int shards) {
    return in.apply(name, ParDo.of(new DoFn<KV<String, V>, KV<Integer, KV<String, V>>>() {
      @ProcessElement
      public void process(@Element KV<String, V> kv, OutputReceiver<KV<Integer, KV<String, V>>> out) {
        out.output(KV.of(shard(kv.getKey(), shards), kv));
      }
    })).setCoder(KvCoder.of(VarIntCoder.of(), coder));
  }

  /**
   * Verifies every pair of one key-term block (split into windows when larger than maxBlockSize) and hands the
   * same-story edges to {@code emit}; returns the number of pairs compared.
   */
  static long verifyBlock(List<StoryFeatures> block, Params p, java.util.function.Consumer<Edge> emit) {
    return verifyBlock(null, block, Set.of(), p, emit);
  }

  /**
   * Verifies the pairs of the key block of {@code term} (null: one block standing alone) and returns how many were
   * compared. A pair that shares a key term whose block is not in {@code splitTerms} is compared only in the block
   * of the smallest such term, where it is certain to meet.
   */
  static long verifyBlock(String term, List<StoryFeatures> block, Set<String> splitTerms, Params p,
      java.util.function.Consumer<Edge> emit) {
    return verifyBlock(term, null, block, splitTerms, p, emit);
  }

  /**
   * As above, for one window of a block cut by {@link Blocks#cut}: pairs that the window before it holds too (both
   * sorted at or before {@code previousWindowLast}, null for none) were compared there and are skipped.
   */
  static long verifyBlock(String term, String previousWindowLast, List<StoryFeatures> block, Set<String> splitTerms,
      Params p, java.util.function.Consumer<Edge> emit) {
    if (block.size() < 2) {
      return 0;
    }
    List<StoryFeatures> members = new ArrayList<>(block);
    // Date order makes split windows hold articles published close together; ids break ties.
    members.sort(Comparator.<StoryFeatures>comparingInt(f -> f.date).thenComparing(f -> f.articleId));
    // The members the previous window holds too are a prefix in this order; pairs inside it were compared there.
    int heldBefore = 0;
    while (previousWindowLast != null && heldBefore < members.size()
        && Blocks.memberKey(members.get(heldBefore).date, members.get(heldBefore).articleId)
            .compareTo(previousWindowLast) <= 0) {
      heldBefore++;
    }
    long compared = 0;
    for (int[] w : Blocks.windows(members.size(), p.maxBlockSize)) {
      for (int i = w[0]; i < w[1]; i++) {
        StoryFeatures a = members.get(i);
        for (int j = Math.max(i + 1, heldBefore); j < w[1]; j++) {
          StoryFeatures b = members.get(j);
          if (term != null && !isHomeBlock(term, a, b, splitTerms)) {
            continue;
          }
          compared++;
          double s = sameStoryScore(a, b, p);
          if (s >= p.storyThreshold && !a.articleId.equals(b.articleId)) {
            emit.accept(new Edge(a.articleId, a.date, b.articleId, b.date, Edge.STORY, s));
          }
        }
      }
    }
    return compared;
  }

  /**
   * Verifies the pairs of one LSH band block ({@code band} = "index:key"; members in id order, split into windows
   * when larger than maxBlockSize) by the estimated Jaccard of their signatures, and returns how many were compared.
   * A pair that collides in several bands is compared only in its home band: the first band, among those whose
   * block is not split, where the two collide (or in every shared window when all of them are split).
   * Copies go to {@code emit}; with the exact check on, a pair whose estimate lies within
   * {@link MinHash#uncertainty} of the threshold goes to {@code uncertain} instead (an edge holding the estimate),
   * to be decided on its shingle sets.
   */
  static long verifyCopyBlock(String band, List<CopySignature> block, Set<String> splitBands,
      Map<String, long[]> bandKeysCache, Params p, java.util.function.Consumer<Edge> emit,
      java.util.function.Consumer<Edge> uncertain) {
    if (block.size() < 2) {
      return 0;
    }
    List<CopySignature> members = new ArrayList<>(block);
    members.sort(java.util.Comparator.comparing((CopySignature s) -> s.articleId));
    int bandIndex = Integer.parseInt(band.substring(0, band.indexOf(':')));
    long[][] keys = new long[members.size()][];
    for (int i = 0; i < keys.length; i++) {
      CopySignature s = members.get(i);
      keys[i] = bandKeysCache.computeIfAbsent(s.articleId, id -> MinHash.bandKeys(s.hashes, p.bands));
    }
    double margin = p.exactCopyCheck ? MinHash.uncertainty(p.copyThreshold, p.numHashes) : 0;
    long compared = 0;
    for (int[] w : Blocks.windows(members.size(), p.maxBlockSize)) {
      for (int i = w[0]; i < w[1]; i++) {
        for (int j = i + 1; j < w[1]; j++) {
          int home = homeBand(keys[i], keys[j], splitBands);
          if (home >= 0 && home != bandIndex) {
            continue;
          }
          compared++;
          CopySignature first = members.get(i);
          CopySignature second = members.get(j);
          double jac = MinHash.jaccard(first.hashes, second.hashes);
          if (jac >= p.copyThreshold + margin) {
            emit.accept(new Edge(first.articleId, first.date, second.articleId, second.date, Edge.COPY, jac));
          } else if (margin > 0 && jac >= p.copyThreshold - margin) {
            uncertain.accept(new Edge(first.articleId, first.date, second.articleId, second.date, Edge.COPY, jac));
          }
        }
      }
    }
    return compared;
  }

  /**
   * The uncertain pairs whose two articles the sure copy edges (of the same shard) do not already connect, in
   * order. A connected pair joins one copy group whatever its exact Jaccard; in a dense cluster of variants (a wire
   * story edited many ways) most uncertain pairs are such, and each would ship two shingle sets through the check.
   */
  static List<Edge> unlinked(Set<Edge> uncertain, Set<Edge> copies) {
    Map<String, String> parent = new HashMap<>();
    for (Edge e : copies) {
      link(parent, e.a, e.b);
    }
    List<Edge> out = new ArrayList<>();
    for (Edge e : new TreeSet<>(uncertain)) {
      if (!root(parent, e.a).equals(root(parent, e.b))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The block key of LSH band {@code band} holding {@code key}: "index:hex". */
  static String bandKey(int band, long key) {
    return band + ":" + Long.toHexString(key);
  }

  /** The side input of split block keys as a set, built once per view a worker sees (not once per element). */
  static final class SplitBlocks implements Serializable {
    private transient List<String> seen;
    private transient Set<String> set;

    Set<String> of(List<String> view) {
      if (view != seen) {
        set = new HashSet<>(view);
        seen = view;
      }
      return set;
    }
  }

  /** The first band where two articles collide and whose block is whole, or -1 when every shared block is split. */
  static int homeBand(long[] a, long[] b, Set<String> splitBands) {
    for (int k = 0; k < a.length; k++) {
      if (a[k] != 0L && a[k] == b[k]
          && (splitBands.isEmpty() || !splitBands.contains(bandKey(k, a[k])))) {
        return k;
      }
    }
    return -1;
  }

  /**
   * True when the block of {@code term} is where the pair is verified: the smallest key term the two share whose
   * block is whole, or any of their shared blocks when every one is split.
   */
  static boolean isHomeBlock(String term, StoryFeatures a, StoryFeatures b, Set<String> splitTerms) {
    String home = null;
    for (String x : a.keyTerms) {
      if ((home == null || x.compareTo(home) < 0) && !splitTerms.contains(x)) {
        for (String y : b.keyTerms) {
          if (x.equals(y)) {
            home = x;
            break;
          }
        }
      }
    }
    return home == null || home.equals(term);
  }

  /** The same-story score of two articles, or 0 when their dates are too far apart. */
  static double sameStoryScore(StoryFeatures a, StoryFeatures b, Params p) {
    if (a.date != StoryFeatures.NO_DATE && b.date != StoryFeatures.NO_DATE
        && Math.abs((long) a.date - b.date) > p.dateWindowDays) {
      return 0;
    }
    // One shared key term (a country, a company) is not a story: rewrites keep several names, numbers, terms.
    if (StoryFeatures.sharedKeyTerms(a, b) < p.minSharedKeyTerms) {
      return 0;
    }
    return p.cosineWeight * StoryFeatures.cosine(a, b) + (1 - p.cosineWeight) * StoryFeatures.keyOverlap(a, b);
  }

  /** Root of {@code id} in a string union-find (absent = its own root), with path halving. */
  static String root(Map<String, String> parent, String id) {
    String x = id;
    parent.putIfAbsent(x, x);
    while (!parent.get(x).equals(x)) {
      String up = parent.get(parent.get(x));
      parent.put(x, up);
      x = up;
    }
    return x;
  }

  /** Joins the groups of {@code a} and {@code b} in that union-find; the smaller root stays the root. */
  static void link(Map<String, String> parent, String a, String b) {
    String ra = root(parent, a);
    String rb = root(parent, b);
    if (ra.compareTo(rb) < 0) {
      parent.put(rb, ra);
    } else if (rb.compareTo(ra) < 0) {
      parent.put(ra, rb);
    }
  }

  static final ListCoder<Edge> EDGE_BATCH = ListCoder.of(Edge.Coder.of());

  /**
   * Most edges in one batch element: a shard's edges grow with the corpus (at 300k generated articles a shard's batch
   * no longer fitted a 4 GB heap when decoded whole), so they travel in bounded pieces.
   */
  static final int MAX_BATCH = 10_000;

  /** Sorted so a batch's content never depends on hash-set iteration order, then cut into pieces of MAX_BATCH. */
  static void emitBatch(List<Edge> edges, java.util.function.Consumer<List<Edge>> out) {
    java.util.Collections.sort(edges); // independent of hash-set order
    for (int from = 0; from < edges.size(); from += MAX_BATCH) {
      out.accept(new ArrayList<>(edges.subList(from, Math.min(edges.size(), from + MAX_BATCH))));
    }
  }

  static <T> List<T> toList(Iterable<T> it) {
    List<T> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }
}
