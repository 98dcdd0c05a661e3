package dev.newsfold.stories;

import dev.newsfold.schema.Article;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Corpus-wide rarity for story keys: the document frequency of every title/lead term that occurs in two or more
 * articles (a term seen once weighs as unique; leaving it out keeps the side input to a fraction of the vocabulary).
 *
 * <p>Each bundle sums its own counts before the shuffle ({@link CountTermsInBundle}): an article has ~320 distinct
 * terms, so one record per (article, term) shuffled ~32 M records at 100k articles and ~318 M at 1M, while 1,000
 * articles hold ~30k distinct terms and 100k hold ~200k. The sums, and so the frequencies, do not depend on how the
 * runner cuts bundles.
 */
final class DocumentFrequencies extends PTransform<PCollection<Article>, PCollection<KV<String, Long>>> {
  /** Distinct terms a bundle buffers before it sends its counts on (~100 bytes each on the heap). */
  static final int MAX_BUFFERED_TERMS = 200_000;

  private final StoryKeyExtractor extractor;
  private final int shards;
  private final int maxBufferedTerms;

  /** {@code extractor} says which terms an article has (stateless, so one serialised copy per worker serves). */
  DocumentFrequencies(StoryKeyExtractor extractor, int shards, int maxBufferedTerms) {
    this.extractor = extractor;
    this.shards = shards;
    this.maxBufferedTerms = maxBufferedTerms;
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<Article> articles) {
    PCollection<KV<String, Integer>> partialCounts = articles
        .apply("TitleAndLeadTerms", ParDo.of(new CountTermsInBundle(extractor, maxBufferedTerms)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
    return JoinStories.groupByShard("DocumentFrequency", partialCounts, VarIntCoder.of(), shards)
        .apply("CountTerms", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Integer>>>, KV<String, Long>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Integer>>> shard,
              OutputReceiver<KV<String, Long>> out) {
            Map<String, Long> counts = new HashMap<>();
            for (KV<String, Integer> kv : shard.getValue()) {
              counts.merge(kv.getKey(), (long) kv.getValue(), Long::sum);
            }
            counts.forEach((t, c) -> {
              if (c >= 2) {
                out.output(KV.of(t, c));
              }
            });
          }
        })).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  /**
   * (term, articles holding it) summed over a bundle, sent when the bundle ends or when {@code maxBufferedTerms}
   * distinct terms are buffered (a batch bundle on Flink or Spark can be a whole partition). Batch input is in the
   * global window, where the bundle's last counts are emitted.
   */
  static final class CountTermsInBundle extends DoFn<Article, KV<String, Integer>> {
    private final StoryKeyExtractor extractor;
    private final int maxBufferedTerms;
    private transient Map<String, Integer> counts;

    CountTermsInBundle(StoryKeyExtractor extractor, int maxBufferedTerms) {
      this.extractor = extractor;
      this.maxBufferedTerms = maxBufferedTerms;
    }

    @StartBundle
    public void startBundle() {
      counts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Article a, OutputReceiver<KV<String, Integer>> out) {
      for (String t : extractor.profile(a.getTitle(), a.getText()).counts.keySet()) {
        counts.merge(t, 1, Integer::sum);
      }
      if (counts.size() >= maxBufferedTerms) {
        counts.forEach((t, n) -> out.output(KV.of(t, n)));
        counts.clear();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      counts.forEach((t, n) -> c.output(KV.of(t, n), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
      counts.clear();
    }
  }
}
