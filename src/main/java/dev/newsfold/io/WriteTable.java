package dev.newsfold.io;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.avro.generic.GenericData;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one table twice from the same rows and schema: Avro ({@code <dir>/<table>/<table>-SSSSS-of-NNNNN.avro}) and
 * Parquet ({@code ...parquet}). Shard counts depend on the runner, so readers glob {@code <table>/*.parquet}.
 */
public class WriteTable<T extends SpecificRecord> extends PTransform<PCollection<T>, PDone> {

  static final int DEFAULT_SHARDS = 4;

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
    rows.apply("Avro", AvroIO.write(type).to(directory + "/" + table).withSuffix(".avro").withNumShards(shards)
        .withCodec(org.apache.avro.file.CodecFactory.snappyCodec()));
    SerializableFunction<T, GenericRecord> asGeneric = r -> toGeneric(r);
    rows.apply("Parquet", FileIO.<T>write()
        .via(Contextful.fn(asGeneric),
            ParquetIO.sink(schema).withCompressionCodec(CompressionCodecName.SNAPPY))
        .to(directory).withPrefix(table).withSuffix(".parquet").withNumShards(shards));
    return PDone.in(rows.getPipeline());
  }

  /**
   * A table with no rows still gets one (empty) Parquet file, so queries over {@code <table>/*.parquet} see an empty
   * table with its columns instead of failing on an empty glob. Runs in the driver after the pipeline.
   */
  public static void ensureParquetFile(java.nio.file.Path tableDir, String table, Schema schema)
      throws java.io.IOException {
    java.nio.file.Files.createDirectories(tableDir);
    try (var files = java.nio.file.Files.list(tableDir)) {
      if (files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
        return;
      }
    }
    java.nio.file.Path file = tableDir.resolve(table + "-00000-of-00001.parquet");
    ParquetIO.Sink sink = ParquetIO.sink(schema).withCompressionCodec(CompressionCodecName.SNAPPY);
    sink.open(java.nio.file.Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE));
    sink.flush();
  }

  /** {@link #ensureParquetFile(java.nio.file.Path, String, Schema)} for any Beam file system (hdfs://, gs://...). */
  public static void ensureParquetFile(String tableDir, String table, Schema schema) throws java.io.IOException {
    String dir = tableDir.endsWith("/") ? tableDir : tableDir + "/";
    var match = org.apache.beam.sdk.io.FileSystems.match(dir + "*.parquet",
        org.apache.beam.sdk.io.fs.EmptyMatchTreatment.ALLOW);
    if (match.status() == org.apache.beam.sdk.io.fs.MatchResult.Status.OK && !match.metadata().isEmpty()) {
      return;
    }
    var file = org.apache.beam.sdk.io.FileSystems.matchNewResource(dir + table + "-00000-of-00001.parquet", false);
    ParquetIO.Sink sink = ParquetIO.sink(schema).withCompressionCodec(CompressionCodecName.SNAPPY);
    sink.open(org.apache.beam.sdk.io.FileSystems.create(file, org.apache.beam.sdk.util.MimeTypes.BINARY));
    sink.flush();
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
