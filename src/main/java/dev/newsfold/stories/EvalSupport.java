package dev.newsfold.stories;

import dev.newsfold.schema.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Shared plumbing of the evaluation mains: article construction and a DirectRunner run of the real transform. */
final class EvalSupport {
  private EvalSupport() {}

  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Article article(String id, String title, String text, String outlet, LocalDate date) {
    return Article.newBuilder()
        .setArticleId(id)
        .setSourceUri("eval:" + id)
        .setFormat("eval")
        .setOutlet(outlet)
        .setTitle(title)
        .setPublishedDate(date)
        .setText(text)
        .setWordCount(TextFeatures.words(text).size())
        .setParagraphCount(text.split("\n\\s*\n").length)
        .setBoilerplateLinesRemoved(0)
        .setBoilerplateCharsRemoved(0)
        .setContentHash(sha256(TextFeatures.normalise(text)))
        .build();
  }

  /** Output of one run: article_id -> {story_id, duplicate_of or ""}, and the wall time. */
  static final class Run {
    final Map<String, String[]> byArticle = new HashMap<>();
    double seconds;
  }

  /** Runs JoinStories on the DirectRunner and reads back each article's story_id and duplicate_of. */
  static Run run(List<Article> articles, JoinStories transform) throws IOException {
    DirectOptions opts = PipelineOptionsFactory.as(DirectOptions.class);
    // The transform's coders are tested elsewhere; re-encoding every element here would only time the checks.
    opts.setEnforceEncodability(false);
    opts.setEnforceImmutability(false);
    opts.setTargetParallelism(Math.max(1, Runtime.getRuntime().availableProcessors()));
    return run(articles, transform, opts);
  }

  /** Runs JoinStories on the runner {@code opts} name. */
  static Run run(List<Article> articles, JoinStories transform, org.apache.beam.sdk.options.PipelineOptions opts)
      throws IOException {
    Path dir = Files.createTempDirectory("newsfold-stories-eval");
    // The articles go in as an Avro file read by AvroIO, as the job reads tables: Create.of would ship the whole
    // corpus inside the pipeline graph, which the cluster runners serialise whole.
    Path input = dir.resolve("articles.avro");
    try (DataFileWriter<Article> w = new DataFileWriter<>(new SpecificDatumWriter<>(Article.class))) {
      w.setCodec(CodecFactory.snappyCodec());
      w.create(Article.getClassSchema(), input.toFile());
      for (Article a : articles) {
        w.append(a);
      }
    }
    Pipeline p = Pipeline.create(opts);
    p.apply(AvroIO.read(Article.class).from(input.toString()))
        .apply(transform)
        .articles()
        .apply(MapElements.into(TypeDescriptors.strings()).via((Article a) -> a.getArticleId() + "\t"
            + a.getStoryId() + "\t" + (a.getDuplicateOf() == null ? "" : a.getDuplicateOf())))
        .apply(TextIO.write().to(dir.resolve("out/part").toString()));
    long t0 = System.nanoTime();
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    Run run = new Run();
    run.seconds = (System.nanoTime() - t0) / 1e9;
    // The counters the lead copies into manifest.json: split (capped) blocks, pairs compared, edges.
    org.apache.beam.sdk.metrics.MetricQueryResults metrics = result.metrics().queryMetrics(
        org.apache.beam.sdk.metrics.MetricsFilter.builder()
            .addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.inNamespace(JoinStories.NS)).build());
    // A counter kept by several steps (each centroid round, say) is reported once, summed; distributions by max.
    TreeMap<String, Long> byName = new TreeMap<>();
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c : metrics.getCounters()) {
      byName.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    for (org.apache.beam.sdk.metrics.MetricResult<org.apache.beam.sdk.metrics.DistributionResult> d
        : metrics.getDistributions()) {
      byName.merge(d.getName().getName() + "(max)", d.getAttempted().getMax(), Math::max);
    }
    StringBuilder counters = new StringBuilder("  counters:");
    byName.forEach((name, value) -> counters.append(' ').append(name).append('=').append(value));
    System.out.println(counters);
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        for (String line : Files.readAllLines(f)) {
          String[] parts = line.split("\t", -1);
          run.byArticle.put(parts[0], new String[] {parts[1], parts[2]});
        }
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    return run;
  }
}
