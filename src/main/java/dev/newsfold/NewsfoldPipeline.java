package dev.newsfold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsfold.claims.ExtractEntitiesAndClaims;
import dev.newsfold.clean.CleanArticles;
import dev.newsfold.io.DatasetPublisher;
import dev.newsfold.io.DirectDataset;
import dev.newsfold.io.ReadRawDocuments;
import dev.newsfold.io.WriteTable;
import dev.newsfold.parse.ParseArticles;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.Story;
import dev.newsfold.schema.internal.RawDocument;
import dev.newsfold.schema.internal.StoryContribution;
import dev.newsfold.stories.CompleteStories;
import dev.newsfold.stories.JoinStories;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newsfold job: raw news files to clean, queryable tables.
 *
 * <pre>
 * Read ─► Parse ─► Clean ─► (stories, entities, claims) ─► Write (Avro + Parquet per table, manifest.json)
 *   └────────┴────────┴─► rejects (every input that could not become an article, with stage and reason)
 * </pre>
 */
public final class NewsfoldPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(NewsfoldPipeline.class);
  public static final String VERSION = "0.1.0";

  /** The tables a run writes, in the order the summary lists them. */
  public static final List<String> TABLES = List.of("articles", "stories", "entities", "claims", "rejects");

  private static final Map<String, org.apache.avro.Schema> SCHEMAS = Map.of(
      "articles", Article.getClassSchema(), "stories", Story.getClassSchema(), "entities", Entity.getClassSchema(),
      "claims", Claim.getClassSchema(), "rejects", Reject.getClassSchema());

  private NewsfoldPipeline() {}

  public static void main(String[] args) {
    int code = onLargeStack(() -> run(args, System.out, System.err));
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Stack for the thread that builds and submits the job (reserved, committed only as used). */
  static final long JOB_STACK_BYTES = 1L << 30;

  /**
   * Runs {@code job} on a thread with a large stack and returns its exit code, 1 when it died of an error. Runners
   * translate and (de)serialise the pipeline graph recursively on the submitting thread: embedded Flink once overflowed
   * the main thread's default stack (in ObjectInputStream, before the job started), and the JVM then hung, its Flink
   * threads still alive. Here an error is printed and returned as a failure, so the process always ends.
   */
  static int onLargeStack(java.util.function.IntSupplier job) {
    int[] code = {1};
    Thread t = new Thread(null, () -> code[0] = job.getAsInt(), "newsfold", JOB_STACK_BYTES);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return code[0];
  }

  /** Runs the job; returns the process exit code. Problems the user can fix are one line on {@code err}, no trace. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, null);
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream)}, with a transform applied to the decoded documents before
   * parsing: the seam tests use to inject faults into bundles.
   */
  static int run(String[] args, PrintStream out, PrintStream err,
      PTransform<? super PCollection<RawDocument>, PCollection<RawDocument>> afterRead) {
    NewsfoldOptions options;
    try {
      PipelineOptionsFactory.register(NewsfoldOptions.class);
      options = PipelineOptionsFactory.fromArgs(withRunnerDefaults(args)).withValidation().as(NewsfoldOptions.class);
    } catch (IllegalArgumentException e) {
      err.println("newsfold: " + firstLine(e.getMessage()) + " (see --help=NewsfoldOptions)");
      return 2;
    }
    if (options.getOutputShards() < 1 || options.getReadBuckets() < 1 || options.getShuffleShards() < 0
        || options.getMaxComponentArticles() < 0 || options.getMaxLinksPerArticle() < 0) {
      err.println("newsfold: --outputShards and --readBuckets must be at least 1, --shuffleShards, "
          + "--maxComponentArticles and --maxLinksPerArticle at least 0");
      return 2;
    }
    String runner = options.getRunner().getSimpleName();
    if (runner.equals("SparkRunner")) {
      sparkDefaults();
    }
    FileSystems.setDefaultPipelineOptions(options);
    List<String> patterns = patterns(options.getInput());
    try {
      InputSize size = countInputs(patterns);
      if (options.getShuffleShards() == 0) {
        options.setShuffleShards(shardsFor(size.bytes()));
      }
      LOG.info("Input: {} file(s), {} MB matching {}; {} shuffle shards", size.files(), size.bytes() >> 20, patterns,
          options.getShuffleShards());
      if (runner.equals("SparkRunner")) {
        sparkPartitions(sparkMaster(args), size.bytes());
      }
    } catch (IllegalArgumentException e) {
      err.println("newsfold: " + e.getMessage());
      return 2;
    }
    // Local outputs are staged and swapped in atomically; on other file systems (hdfs://, gs://, s3://) the tables
    // are written in place and manifest.json, written last, marks the dataset complete.
    boolean local;
    try {
      local = DirectDataset.isLocal(options.getOutput());
    } catch (IllegalArgumentException e) {
      err.println("newsfold: cannot write to --output " + options.getOutput() + ": " + firstLine(e.getMessage()));
      return 2;
    }
    String output = options.getOutput();
    DatasetPublisher publisher = !local ? null
        : new DatasetPublisher(output.startsWith("file:") ? Path.of(java.net.URI.create(output)) : Path.of(output));
    DirectDataset direct = local ? null : new DirectDataset(options.getOutput());
    try {
      if (local) {
        publisher.prepare(options.getOverwrite());
      } else {
        direct.prepare(options.getOverwrite());
      }
    } catch (DatasetPublisher.OutputException e) {
      err.println("newsfold: " + e.getMessage());
      return 2;
    }
    String root = local ? publisher.staging().toString() : direct.root();
    Instant start = Instant.now();
    PipelineResult result;
    try {
      if (options.getRunner() == DirectRunner.class) {
        // run() returns at once, so the driver can log progress while the local job runs.
        options.as(DirectOptions.class).setBlockOnRun(false);
      }
      // Beam's Flink runner blocks in run() and has no metrics until the end: its workers log their own progress.
      StageClock.logOnWorkers(runner.equals("FlinkRunner"));
      Pipeline pipeline = Pipeline.create(options);
      build(pipeline, options, root, afterRead);
      LOG.info("Running on {} → {}", runner, root);
      result = pipeline.run();
      ProgressLog.follow(result, org.joda.time.Duration.standardSeconds(30));
    } catch (RuntimeException e) {
      if (local) {
        publisher.abandon();
      }
      LOG.error("Pipeline failed", e);
      err.println("newsfold: the pipeline failed: " + firstLine(rootMessage(e))
          + (local ? " (previous output left intact)" : " (no manifest.json written: the output is incomplete)"));
      return 1;
    }
    Duration wall = Duration.between(start, Instant.now());
    try {
      Map<String, Long> counters = counters(result);
      for (var table : SCHEMAS.entrySet()) {
        WriteTable.finish(root + "/" + table.getKey(), table.getKey(), table.getValue());
      }
      ObjectNode manifest = manifest(options, patterns, counters, wall);
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(manifest);
      if (local) {
        Files.writeString(publisher.staging().resolve("manifest.json"), json);
        publisher.publish();
        printSummary(out, publisher.output().toString(), manifest, wall);
      } else {
        direct.writeManifest(json);
        printSummary(out, direct.root(), manifest, wall);
      }
    } catch (IOException e) {
      err.println("newsfold: could not publish the output: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** Assembles the job's transforms; tables are written under {@code root}. */
  public static void build(Pipeline p, NewsfoldOptions options, String root) {
    build(p, options, root, null);
  }

  static void build(Pipeline p, NewsfoldOptions options, String root,
      PTransform<? super PCollection<RawDocument>, PCollection<RawDocument>> afterRead) {
    // Set by run() from the input size; a caller of build() that left it at 0 gets the minimum.
    int shards = options.getShuffleShards() > 0 ? options.getShuffleShards() : shardsFor(0);
    PCollectionTuple read = p.apply("Read", ReadRawDocuments.from(patterns(options.getInput()),
        options.getMaxRecordBytes()).withBuckets(options.getReadBuckets()));
    PCollection<RawDocument> documents = read.get(ReadRawDocuments.DOCUMENTS);
    if (afterRead != null) {
      documents = documents.apply("AfterRead", afterRead);
    }
    PCollectionTuple parsed = documents.apply("Parse", ParseArticles.create());
    PCollectionTuple cleaned = parsed.get(ParseArticles.PAGES)
        .apply("Clean", CleanArticles.create(options.getMinWords(), options.getTemplateMinPages()).withBuckets(shards));
    JoinStories.Result joined = cleaned.get(CleanArticles.ARTICLES)
        .apply("Stories", JoinStories.create().withShards(shards)
            .withMaxComponentArticles(options.getMaxComponentArticles())
            .withMaxLinksPerArticle(options.getMaxLinksPerArticle()));
    PCollection<Article> articles = joined.articles();

    PCollection<Reject> rejects = PCollectionList.of(read.get(ReadRawDocuments.REJECTS))
        .and(parsed.get(ParseArticles.REJECTS))
        .and(cleaned.get(CleanArticles.REJECTS))
        .apply("AllRejects", Flatten.pCollections());

    PCollection<Entity> entities;
    PCollection<Claim> claims;
    PCollection<StoryContribution> contributions;
    if (options.getEntitiesAndClaims()) {
      ExtractEntitiesAndClaims.Result found = articles.apply("EntitiesAndClaims",
          ExtractEntitiesAndClaims.create().withShards(shards));
      entities = found.entities();
      claims = found.claims();
      contributions = found.storyContributions();
    } else {
      entities = p.apply("NoEntities", Create.empty(AvroCoder.of(Entity.class)));
      claims = p.apply("NoClaims", Create.empty(AvroCoder.of(Claim.class)));
      contributions = p.apply("NoContributions", Create.empty(AvroCoder.of(StoryContribution.class)));
    }
    PCollection<Story> stories = joined.stories()
        .apply("CompleteStories", CompleteStories.with(contributions).withShards(shards));

    int files = options.getOutputShards();
    write(articles, "articles", Article.class, new CountRows<>("articles"), root, files);
    write(stories, "stories", Story.class, new CountRows<>("stories"), root, files);
    write(entities, "entities", Entity.class, new CountRows<>("entities"), root, files);
    write(claims, "claims", Claim.class, new CountRows<>("claims"), root, files);
    write(rejects, "rejects", Reject.class, new CountRejects(), root, files);
  }

  /** Counts a table's rows (for the manifest) and writes it as Avro and Parquet. */
  private static <T extends SpecificRecordBase> void write(PCollection<T> rows, String table, Class<T> type,
      DoFn<T, T> counter, String root, int shards) {
    String name = Character.toUpperCase(table.charAt(0)) + table.substring(1);
    rows.apply("Count" + name, ParDo.of(counter)).setCoder(AvroCoder.of(type))
        .apply("Write" + name, WriteTable.of(table, root, type, SCHEMAS.get(table)).withShards(shards));
  }

  /** Counts rows on their way to a table, for the manifest and the summary. */
  static class CountRows<T> extends DoFn<T, T> {
    private final org.apache.beam.sdk.metrics.Counter rows;

    CountRows(String table) {
      this.rows = Metrics.counter("rows", table);
    }

    @ProcessElement
    public void process(@Element T row, OutputReceiver<T> out) {
      rows.inc();
      out.output(row);
    }
  }

  static class CountRejects extends DoFn<Reject, Reject> {
    private final org.apache.beam.sdk.metrics.Counter rows = Metrics.counter("rows", "rejects");

    @ProcessElement
    public void process(@Element Reject row, OutputReceiver<Reject> out) {
      rows.inc();
      Metrics.counter("rejects", row.getStage() + "/" + row.getReason()).inc();
      out.output(row);
    }
  }

  /**
   * Runner settings the job needs, unless the user set them.
   * <ul>
   *   <li>Spark caches every collection read by more than one step; its default (MEMORY_ONLY, live objects) evicts
   *       under pressure and then recomputes the whole lineage: at 100k articles read, parse, clean and the story
   *       stage ran two and three times. Caches on disk keep each step to one run and keep the heap for the steps
   *       themselves: at 100k articles the job then runs in a 4 GB heap (in-memory serialized caches filled any
   *       heap to Spark's storage share and ran out of memory at 4 GB), and was faster.
   * </ul>
   */
  public static String[] withRunnerDefaults(String[] args) {
    List<String> out = new ArrayList<>(List.of(args));
    if (usesRunner(out, "spark", "SparkRunner") && noneStartsWith(out, "--storageLevel")) {
      out.add("--storageLevel=DISK_ONLY");
    }
    return out.toArray(String[]::new);
  }

  /**
   * Spark settings read from {@code spark.*} system properties when the runner makes its context, unless the user
   * (or spark-submit) set them. Beam 2.62's Spark runner groups each key's values in one list, spilled with Spark's
   * serializer (apache/beam#30184): with Java serialization, spilling a shard's list kept a handle per element and ran
   * 300k articles out of a 4 GB heap. Kryo without reference tracking writes the byte arrays straight; a smaller
   * memory fraction leaves more of the heap to the steps' own data (a story component, a shard's blocks), since
   * Spark otherwise tries to hold whole grouped partitions in memory before giving up. Cached partitions are
   * compressed: on disk they are most of the job's temporary space (over 60 GB at 300k articles uncompressed).
   * The Kryo serializer is Spark's with Beam's output tags written as their ids ({@link SparkKryoSerializer}).
   */
  static void sparkDefaults() {
    Map<String, String> defaults = Map.of(
        "spark.serializer", SparkKryoSerializer.class.getName(),
        "spark.kryo.referenceTracking", "false",
        "spark.memory.fraction", "0.4",
        "spark.rdd.compress", "true");
    defaults.forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        System.setProperty(k, v);
      }
    });
  }

  /**
   * On a local Spark master, one partition per {@value #SPARK_PARTITION_BYTES} bytes of input (at least one per
   * core) unless {@code spark.default.parallelism} is set. The runner partitions every GroupByKey by it and caches
   * each grouped partition in memory whatever the storage level (apache/beam#30184); with {@code local[2]}'s default
   * of 2, a partition was half of a step's data and ran 300k articles out of a 4 GB heap while it was unrolled.
   * Partitions of a fixed input share keep that memory flat as the corpus grows. Cluster masters keep Spark's
   * default (the executors' cores), which README says to raise.
   */
  static void sparkPartitions(String master, long inputBytes) {
    int partitions = localSparkPartitions(master, inputBytes);
    if (partitions > 0 && System.getProperty("spark.default.parallelism") == null) {
      System.setProperty("spark.default.parallelism", Integer.toString(partitions));
      LOG.info("Spark: {} partitions per grouping ({} MB of input each)", partitions,
          SPARK_PARTITION_BYTES >> 20);
    }
  }

  /** The {@code --sparkMaster} given, else the Spark runner's default (read here: its options class is test-scoped). */
  static String sparkMaster(String[] args) {
    String master = "local[4]";
    for (String a : args) {
      if (a.startsWith("--sparkMaster=")) {
        master = a.substring("--sparkMaster=".length());
      }
    }
    return master;
  }

  static final long SPARK_PARTITION_BYTES = 32L << 20;
  private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?");

  /** Partitions for a local master ({@code local}, {@code local[N]}, {@code local[*]}); 0 for any other master. */
  static int localSparkPartitions(String master, long inputBytes) {
    Matcher m = LOCAL_MASTER.matcher(master == null ? "" : master.strip());
    if (!m.matches()) {
      return 0;
    }
    int cores = m.group(1) == null ? 1
        : m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    long byInput = (inputBytes + SPARK_PARTITION_BYTES - 1) / SPARK_PARTITION_BYTES;
    return (int) Math.max(cores, Math.min(10_000, byInput));
  }

  private static boolean usesRunner(List<String> args, String pkg, String name) {
    return args.stream().anyMatch(a -> a.matches("--runner=(org\\.apache\\.beam\\.runners\\." + pkg + "\\.)?" + name));
  }

  private static boolean noneStartsWith(List<String> args, String prefix) {
    return args.stream().noneMatch(a -> a.startsWith(prefix));
  }

  static List<String> patterns(String input) {
    List<String> out = new ArrayList<>();
    for (String p : input.split(",")) {
      if (!p.isBlank()) {
        out.add(p.strip());
      }
    }
    return out;
  }

  record InputSize(long files, long bytes) {}

  /** Fails with one clear message when a pattern matches nothing. */
  static InputSize countInputs(List<String> patterns) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("--input is empty");
    }
    long files = 0;
    long bytes = 0;
    for (String pattern : patterns) {
      try {
        MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
        List<MatchResult.Metadata> found = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
        if (found.isEmpty()) {
          throw new IllegalArgumentException("no input files match '" + pattern + "'");
        }
        files += found.size();
        for (MatchResult.Metadata m : found) {
          bytes += m.sizeBytes();
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot list input '" + pattern + "': " + e.getMessage());
      }
    }
    return new InputSize(files, bytes);
  }

  /** One shuffle shard per 8 MiB of input, at least 64, at most 65,536: groups stay small as the corpus grows. */
  static int shardsFor(long inputBytes) {
    return (int) Math.max(64, Math.min(65_536, (inputBytes + (8L << 20) - 1) / (8L << 20)));
  }

  static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      String name = c.getName().getNamespace() + "/" + c.getName().getName();
      long value;
      try {
        value = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        value = c.getAttempted();
      }
      out.merge(name, value, Long::sum);
    }
    return out;
  }

  static ObjectNode manifest(NewsfoldOptions options, List<String> patterns, Map<String, Long> counters,
      Duration wall) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode m = json.createObjectNode();
    m.put("newsfold_version", VERSION);
    m.put("runner", options.getRunner().getSimpleName());
    m.put("wall_seconds", wall.toMillis() / 1000.0);
    m.put("finished_at", Instant.now().toString());
    long rss = peakRssMb();
    if (rss > 0) {
      m.put("driver_peak_rss_mb", rss); // the whole job on the DirectRunner; the driver alone on a cluster
    }
    ObjectNode inputs = m.putObject("inputs");
    inputs.putPOJO("patterns", patterns);
    inputs.put("files", counters.getOrDefault("read/files", 0L));
    inputs.put("documents", counters.getOrDefault("read/documents", 0L));
    long articles = counters.getOrDefault("rows/articles", 0L);
    long rejects = counters.getOrDefault("rows/rejects", 0L);
    inputs.put("inputs_total", articles + rejects);
    ObjectNode rows = m.putObject("rows");
    for (String table : TABLES) {
      if (SCHEMAS.containsKey(table)) {
        rows.put(table, counters.getOrDefault("rows/" + table, 0L));
      }
    }
    ObjectNode reasons = m.putObject("rejects_by_reason");
    ObjectNode stages = m.putObject("stage_counters");
    for (var e : counters.entrySet()) {
      if (e.getKey().startsWith("rejects/")) {
        reasons.put(e.getKey().substring("rejects/".length()), e.getValue());
      } else if (!e.getKey().startsWith("rows/")) {
        stages.put(e.getKey(), e.getValue());
      }
    }
    ObjectNode opts = m.putObject("options");
    opts.put("input", options.getInput());
    opts.put("output", options.getOutput());
    opts.put("overwrite", options.getOverwrite());
    opts.put("maxRecordBytes", options.getMaxRecordBytes());
    opts.put("minWords", options.getMinWords());
    opts.put("templateMinPages", options.getTemplateMinPages());
    opts.put("readBuckets", options.getReadBuckets());
    opts.put("entitiesAndClaims", options.getEntitiesAndClaims());
    return m;
  }

  static void printSummary(PrintStream out, String output, ObjectNode manifest, Duration wall) {
    out.printf("newsfold: %d input(s) → %d article(s), %d reject(s) in %.1f s%n",
        manifest.get("inputs").get("inputs_total").asLong(), manifest.get("rows").path("articles").asLong(),
        manifest.get("rows").path("rejects").asLong(), wall.toMillis() / 1000.0);
    out.println("Tables in " + output + "/ (Avro and Parquet, same rows):");
    for (String table : TABLES) {
      if (manifest.get("rows").has(table)) {
        out.printf("  %-9s %7d rows  %s/%s/*.parquet  (*.avro)%n", table, manifest.get("rows").get(table).asLong(),
            output, table);
      }
    }
    if (manifest.get("rejects_by_reason").size() > 0) {
      out.println("Rejects by reason: " + manifest.get("rejects_by_reason"));
    }
    out.println("Manifest: " + output + "/manifest.json");
    out.println("Query: scripts/query.sh \"SELECT title, published_date, outlet FROM articles\"");
  }

  /** Peak resident memory of this JVM (Linux /proc), or -1 where unavailable. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave it out
    }
    return -1;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid arguments";
    }
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }
}
