package dev.newsfold.clean;

import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Finds template lines: short lines (menus, ad labels, copyright notes, newsletter prompts) that appear on many pages
 * of the same outlet with different titles. Output: a side-input map keyed by {@link #key(String, String)}.
 *
 * <p>Counting distinct titles (not pages) keeps a corpus of identical copies from marking its own text as template;
 * only short or non-prose lines are candidates, so a quote that many rewrites share is never mistaken for chrome.
 */
public class FindTemplateLines extends PTransform<PCollection<ParsedPage>, PCollectionView<Map<String, Void>>> {

  static final int MAX_WORDS = 12;
  private final int minPages;

  private FindTemplateLines(int minPages) {
    this.minPages = minPages;
  }

  public static FindTemplateLines withMinPages(int minPages) {
    return new FindTemplateLines(minPages);
  }

  public static String key(String outlet, String lineKey) {
    return (outlet == null ? "" : outlet) + "\u0001" + lineKey;
  }

  @Override
  public PCollectionView<Map<String, Void>> expand(PCollection<ParsedPage> pages) {
    return pages
        .apply("LineTitlePairs", ParDo.of(new DoFn<ParsedPage, KV<String, String>>() {
          @ProcessElement
          public void process(@Element ParsedPage page, OutputReceiver<KV<String, String>> out) {
            String title = page.getTitle() == null ? page.getSourceUri() : LineShape.key(page.getTitle());
            Set<String> seen = new HashSet<>();
            for (PageBlock b : page.getBlocks()) {
              LineShape s = new LineShape(b.getText());
              if (s.wordCount() > MAX_WORDS && s.prose()) {
                continue;
              }
              String k = LineShape.key(b.getText());
              if (!k.isEmpty() && seen.add(k)) {
                out.output(KV.of(key(page.getOutlet(), k), title));
              }
            }
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("DistinctTitles", Distinct.create())
        .apply("CountTitles", Count.perKey())
        .apply("Repeated", Filter.by(kv -> kv.getValue() >= minPages))
        .apply("Keys", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.voids()))
            .via(kv -> KV.of(kv.getKey(), (Void) null)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VoidCoder.of()))
        .apply("AsMap", View.asMap());
  }
}
