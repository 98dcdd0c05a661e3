package dev.newsfold.stories;

import dev.newsfold.schema.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The copy decision for candidate pairs whose MinHash estimate lies too close to the threshold to trust. With 96
 * slots the estimate's standard error near 0.3 is ~0.047, so a pair of exact Jaccard 0.32 falls below 0.3 about one
 * time in three; these pairs are decided on the exact Jaccard of their shingle sets instead.
 *
 * <p>Only the articles of such pairs recompute their shingle sets: a Bloom filter of their ids ({@link IdFilter},
 * 64 segments of 16 KB, each built by its own key) is the side input of a pass over the articles. The two sets of
 * each pair then meet by a join on the pair. Input: the uncertain pairs as edges (ids and dates; the score is the
 * estimate). Output: batches of copy edges scored by the exact Jaccard. Counted in {@code stories/exactCopyChecks}
 * and {@code stories/copyEdges}.
 */
final class ExactCopyCheck extends PTransform<PCollection<Edge>, PCollection<List<Edge>>> {
  private final PCollection<Article> articles;
  private final JoinStories.Params params;

  ExactCopyCheck(PCollection<Article> articles, JoinStories.Params params) {
    this.articles = articles;
    this.params = params;
  }

  @Override
  public PCollection<List<Edge>> expand(PCollection<Edge> uncertain) {
    PCollectionView<Map<Integer, IdFilter>> ids = uncertain
        .apply("PairIds", FlatMapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()))
            .via((Edge e) -> List.of(KV.of(IdFilter.segmentOf(e.a), e.a), KV.of(IdFilter.segmentOf(e.b), e.b))))
        .apply("PairIdFilter", Combine.perKey(new IdFilter.Union()))
        .setCoder(KvCoder.of(VarIntCoder.of(), IdFilter.IdFilterCoder.INSTANCE))
        .apply("PairIdFilterView", View.asMap());
    PCollection<KV<String, CopySignature>> shingleSets = articles
        .apply("ShingleSets", ParDo.of(new ShingleSets(ids, params.shingleSize)).withSideInputs(ids))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CopySignature.Coder.of()));
    PCollection<KV<String, String>> placements = uncertain.apply("PairPlacements", ParDo.of(new PairPlacements()));
    return JoinStories.groupByShard("GroupShingleSetsByPair",
            JoinStories.toGroupingKeys("PairShingleSets", placements, shingleSets, CopySignature.Coder.of(),
                params.shards),
            CopySignature.Coder.of(), params.shards)
        .apply("CompareShingleSets", ParDo.of(new CompareShingleSets(params.copyThreshold)))
        .setCoder(JoinStories.EDGE_BATCH);
  }

  /** The sorted shingle set of each article the filter names (and of a few false positives, joined to nothing). */
  static final class ShingleSets extends DoFn<Article, KV<String, CopySignature>> {
    private final PCollectionView<Map<Integer, IdFilter>> ids;
    private final int shingleSize;
    private transient MinHash shingler;

    ShingleSets(PCollectionView<Map<Integer, IdFilter>> ids, int shingleSize) {
      this.ids = ids;
      this.shingleSize = shingleSize;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Article a = c.element();
      if (IdFilter.mightContain(c.sideInput(ids), a.getArticleId())) {
        if (shingler == null) {
          shingler = new MinHash(1, shingleSize, 0L); // only its shingling is used
        }
        c.output(KV.of(a.getArticleId(), new CopySignature(a.getArticleId(), JoinStories.dateOf(a),
            shingler.shingleSet(TextFeatures.words(a.getText())))));
      }
    }
  }

  /** Each member of a pair placed in the pair's block ("a b"). */
  static final class PairPlacements extends DoFn<Edge, KV<String, String>> {
    @ProcessElement
    public void process(@Element Edge e, OutputReceiver<KV<String, String>> out) {
      String pair = e.a + " " + e.b;
      out.output(KV.of(e.a, pair));
      out.output(KV.of(e.b, pair));
    }
  }

  /** The exact decision for every pair of one shard. */
  static final class CompareShingleSets extends DoFn<KV<Integer, Iterable<KV<String, CopySignature>>>, List<Edge>> {
    private final Counter checked = Metrics.counter(JoinStories.NS, "exactCopyChecks");
    private final Counter copies = Metrics.counter(JoinStories.NS, "copyEdges");
    private final double threshold;

    CompareShingleSets(double threshold) {
      this.threshold = threshold;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, CopySignature>>> s, OutputReceiver<List<Edge>> out) {
      List<Edge> edges = new ArrayList<>();
      for (List<CopySignature> pair : JoinStories.byKey(s.getValue()).values()) {
        checked.inc();
        Edge e = copyEdge(pair, threshold);
        if (e != null) {
          edges.add(e);
        }
      }
      copies.inc(edges.size());
      JoinStories.emitBatch(edges, out::output);
    }
  }

  /**
   * The copy edge of one checked pair, scored by the exact Jaccard of its two shingle sets, or null below
   * {@code threshold}. A pair met in several windows of split blocks arrives more than once: members count by id.
   */
  static Edge copyEdge(List<CopySignature> pair, double threshold) {
    TreeMap<String, CopySignature> two = new TreeMap<>();
    pair.forEach(m -> two.put(m.articleId, m));
    if (two.size() != 2) {
      throw new IllegalStateException("a checked pair joined " + two.keySet());
    }
    CopySignature a = two.firstEntry().getValue();
    CopySignature b = two.lastEntry().getValue();
    double jaccard = MinHash.exactJaccard(a.hashes, b.hashes);
    return jaccard >= threshold ? new Edge(a.articleId, a.date, b.articleId, b.date, Edge.COPY, jaccard) : null;
  }
}
