package dev.newsfold.clean;

import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Finds template lines: short lines (menus, ad labels, copyright notes, newsletter prompts) that appear on many pages
 * of the same outlet with different titles. Output: their {@link #key(String, String)}s.
 *
 * <p>Counting distinct titles (not pages) keeps a corpus of identical copies from marking its own text as template;
 * only short or non-prose lines are candidates, so a quote that many rewrites share is never mistaken for chrome.
 */
public class FindTemplateLines extends PTransform<PCollection<ParsedPage>, PCollection<String>> {

  static final int MAX_WORDS = 12;
  private final int minPages;
  private final int buckets;

  private FindTemplateLines(int minPages, int buckets) {
    this.minPages = minPages;
    this.buckets = buckets;
  }

  public static FindTemplateLines withMinPages(int minPages) {
    return new FindTemplateLines(minPages, DEFAULT_BUCKETS);
  }

  /** Hash buckets the (line, title) pairs are counted in; each is held in memory, so raise it with the corpus. */
  public FindTemplateLines withBuckets(int count) {
    return new FindTemplateLines(minPages, count);
  }

  public static String key(String outlet, String lineKey) {
    return (outlet == null ? "" : outlet) + "\u0001" + lineKey;
  }

  /** The outlet part of a {@link #key(String, String)}. */
  public static String outletOf(String key) {
    return key.substring(0, key.indexOf('\u0001'));
  }

  /**
   * Pairs are grouped into a fixed number of hash buckets, and each bucket counts its lines' distinct titles in memory
   * (capped at minPages per line). One group per line would work on a cluster, but costs one bundle per distinct line on
   * the DirectRunner, which is the local default.
   */
  static final int DEFAULT_BUCKETS = 64;

  @Override
  public PCollection<String> expand(PCollection<ParsedPage> pages) {
    int buckets = this.buckets;
    return pages
        .apply("LineTitlePairs", ParDo.of(new DoFn<ParsedPage, KV<Integer, KV<String, Integer>>>() {
          @ProcessElement
          public void process(@Element ParsedPage page, OutputReceiver<KV<Integer, KV<String, Integer>>> out) {
            String title = page.getTitle() == null ? page.getSourceUri() : LineShape.key(page.getTitle());
            int titleHash = title.hashCode();
            Set<String> seen = new HashSet<>();
            for (PageBlock b : page.getBlocks()) {
              LineShape s = new LineShape(b.getText());
              if (s.wordCount() > MAX_WORDS && s.prose()) {
                continue;
              }
              String k = LineShape.key(b.getText());
              if (!k.isEmpty() && seen.add(k)) {
                String key = key(page.getOutlet(), k);
                out.output(KV.of(Math.floorMod(key.hashCode(), buckets), KV.of(key, titleHash)));
              }
            }
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
        .apply("ByBucket", GroupByKey.create())
        .apply("CountTitles", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Integer>>>, String>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Integer>>> bucket,
              OutputReceiver<String> out) {
            Map<String, Set<Integer>> titles = new HashMap<>();
            for (KV<String, Integer> pair : bucket.getValue()) {
              Set<Integer> t = titles.computeIfAbsent(pair.getKey(), k -> new HashSet<>());
              if (t.size() < minPages) {
                t.add(pair.getValue());
              }
            }
            titles.entrySet().stream().filter(e -> e.getValue().size() >= minPages).map(Map.Entry::getKey).sorted()
                .forEach(out::output);
          }
        }))
        .setCoder(StringUtf8Coder.of());
  }
}
