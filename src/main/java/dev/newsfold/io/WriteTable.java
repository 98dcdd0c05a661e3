package dev.newsfold.io;

import static org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one table twice from the same rows and schema: Avro ({@code <dir>/<table>/<table>-SSSSS-of-NNNNN.avro}) and
 * Parquet ({@code ...parquet}), with Beam's own file sinks ({@link AvroIO#sink(Class)}, {@link ParquetIO#sink}).
 *
 * <p>The rows are grouped into the shards once, and each shard writes both of its files: two {@code WriteFiles}
 * (one per format) grouped every row twice, and on Flink the ten of them were the largest part of the plan its
 * optimiser walks before the job starts (docs/benchmark.md, session 22). A shard writes to temporary files and
 * renames them, so a retried shard replaces its files whole; a failed attempt's {@code .tmp} files are removed by
 * {@link #removeTemporaryFiles} after the job. Shard counts depend on the options, so readers glob
 * {@code <table>/*.parquet}.
 */
public class WriteTable<T extends SpecificRecord> extends PTransform<PCollection<T>, PDone> {

  static final int DEFAULT_SHARDS = 4;
  static final String TEMPORARY_SUFFIX = ".tmp";

  private final String table;
  private final String directory;
  private final Class<T> type;
  private final Schema schema;
  private final int shards;

  private WriteTable(String table, String directory, Class<T> type, Schema schema, int shards) {
    this.table = table;
    this.directory = directory;
    this.type = type;
    this.schema = schema;
    this.shards = shards;
  }

  public static <T extends SpecificRecord> WriteTable<T> of(String table, String outputRoot, Class<T> type,
      Schema schema) {
    String dir = outputRoot.endsWith("/") ? outputRoot + table : outputRoot + "/" + table;
    return new WriteTable<>(table, dir, type, schema, DEFAULT_SHARDS);
  }

  /**
   * Files per format. Fixed, not runner-chosen: Beam 2.62's Spark runner loses the rows of some bundles in
   * runner-sharded FileIO writes (seen as missing Parquet rows in CrossRunnerTest), and a fixed count gives the same
   * layout on every runner.
   */
  public WriteTable<T> withShards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("--outputShards must be at least 1, was " + count);
    }
    return new WriteTable<>(table, directory, type, schema, count);
  }

  @Override
  public PDone expand(PCollection<T> rows) {
    rows.apply("AssignShards", ParDo.of(new AssignShardFn<T>(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), rows.getCoder()))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteAvroAndParquet", ParDo.of(new WriteShardFn<>(table, directory, type, schema.toString(), shards)));
    return PDone.in(rows.getPipeline());
  }

  /** Deals rows to the shards in turn from a random start, as WriteFiles does: even shards, whatever the rows. */
  static final class AssignShardFn<T> extends DoFn<T, KV<Integer, T>> {
    private final int shards;
    private transient int next;

    AssignShardFn(int shards) { this.shards = shards; }

    @StartBundle
    public void start() { next = java.util.concurrent.ThreadLocalRandom.current().nextInt(shards); }

    @ProcessElement
    public void process(@Element T row, OutputReceiver<KV<Integer, T>> out) {
      out.output(KV.of(next, row));
      next = (next + 1) % shards;
    }
  }

  /** Writes one shard's rows to its Avro and its Parquet file. */
  static final class WriteShardFn<T extends SpecificRecord> extends DoFn<KV<Integer, Iterable<T>>, Void> {
    private final String table;
    private final String directory;
    private final Class<T> type;
    private final String schemaJson; // Avro's Schema is not Serializable in every version Beam supports
    private final int shards;
    private final Counter files = Metrics.counter("write", "files");

    WriteShardFn(String table, String directory, Class<T> type, String schemaJson, int shards) {
      this.table = table;
      this.directory = directory;
      this.type = type;
      this.schemaJson = schemaJson;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> shard) throws IOException {
      ResourceId dir = FileSystems.matchNewResource(directory, true);
      String name = String.format("%s-%05d-of-%05d", table, shard.getKey(), shards);
      String attempt = UUID.randomUUID().toString();
      List<ResourceId> finals = List.of(dir.resolve(name + ".avro", RESOLVE_FILE),
          dir.resolve(name + ".parquet", RESOLVE_FILE));
      List<ResourceId> temps = List.of(dir.resolve("." + name + ".avro." + attempt + TEMPORARY_SUFFIX, RESOLVE_FILE),
          dir.resolve("." + name + ".parquet." + attempt + TEMPORARY_SUFFIX, RESOLVE_FILE));
      FileIO.Sink<T> avro = AvroIO.sink(type).withCodec(CodecFactory.snappyCodec());
      ParquetIO.Sink parquet = ParquetIO.sink(new Schema.Parser().parse(schemaJson))
          .withCompressionCodec(CompressionCodecName.SNAPPY);
      try (WritableByteChannel avroOut = FileSystems.create(temps.get(0), MimeTypes.BINARY);
          WritableByteChannel parquetOut = FileSystems.create(temps.get(1), MimeTypes.BINARY)) {
        avro.open(avroOut);
        parquet.open(parquetOut);
        for (T row : shard.getValue()) {
          avro.write(row);
          parquet.write(toGeneric(row));
        }
        avro.flush();
        parquet.flush(); // closes the Parquet writer, which writes the footer
      }
      // A retried shard (or a speculative copy) replaces the files of the earlier attempt whole.
      FileSystems.delete(finals, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      FileSystems.rename(temps, finals);
      files.inc(2);
    }
  }

  /**
   * Finishes a table directory after the job, on any Beam file system: deletes what failed shard attempts left
   * behind (their temporary files), and gives a table without rows one empty Avro and one empty Parquet file, so
   * queries over {@code <table>/*.parquet} (or {@code *.avro}) see an empty table with its columns instead of failing
   * on an empty glob. Runs in the driver.
   */
  public static void finish(String tableDir, String table, Schema schema) throws IOException {
    String dir = tableDir.endsWith("/") ? tableDir : tableDir + "/";
    List<ResourceId> leftovers = new ArrayList<>();
    for (MatchResult.Metadata m : matches(dir + ".*" + TEMPORARY_SUFFIX)) {
      leftovers.add(m.resourceId());
    }
    FileSystems.delete(leftovers, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    String empty = dir + table + "-00000-of-00001";
    if (matches(dir + "*.parquet").isEmpty()) {
      ParquetIO.Sink sink = ParquetIO.sink(schema).withCompressionCodec(CompressionCodecName.SNAPPY);
      sink.open(FileSystems.create(FileSystems.matchNewResource(empty + ".parquet", false), MimeTypes.BINARY));
      sink.flush();
    }
    if (matches(dir + "*.avro").isEmpty()) {
      try (WritableByteChannel out = FileSystems.create(FileSystems.matchNewResource(empty + ".avro", false),
          MimeTypes.BINARY)) {
        FileIO.Sink<org.apache.avro.generic.IndexedRecord> sink = AvroIO.sink(schema)
            .withCodec(CodecFactory.snappyCodec());
        sink.open(out);
        sink.flush();
      }
    }
  }

  private static List<MatchResult.Metadata> matches(String glob) throws IOException {
    MatchResult match = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    return match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
  }

  /**
   * ParquetIO writes with the plain generic model, which knows no logical-type conversions, so DATE columns
   * (java.time.LocalDate in the generated classes) go in as their underlying int (days since epoch).
   */
  static GenericRecord toGeneric(SpecificRecord r) {
    Schema s = r.getSchema();
    GenericData.Record out = new GenericData.Record(s);
    for (Schema.Field f : s.getFields()) {
      Object v = r.get(f.pos());
      if (v instanceof java.time.LocalDate d) {
        v = (int) d.toEpochDay();
      } else if (v instanceof java.time.Instant i) {
        v = i.toEpochMilli();
      }
      out.put(f.pos(), v);
    }
    return out;
  }
}
