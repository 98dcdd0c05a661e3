package dev.newsfold.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.newsfold.schema.Reject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteTableTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void writesTheSameRowsAsAvroAndParquet() throws Exception {
    Path root = tmp.getRoot().toPath();
    p.apply(Create.of(
            Reject.newBuilder().setSourceUri("a").setStage("read").setReason("empty").setDetail("d").setSizeBytes(0)
                .build(),
            Reject.newBuilder().setSourceUri("b").setStage("read").setReason("binary").setDetail(null)
                .setSizeBytes(7).build())
            .withCoder(AvroCoder.of(Reject.class)))
        .apply(WriteTable.of("rejects", root.toString(), Reject.class, Reject.getClassSchema()));
    p.run().waitUntilFinish();
    assertEquals(2, dev.newsfold.NewsfoldPipelineTest.readAvro(root.resolve("rejects"), Reject.class).size());
    try (Connection c = QueryTables.open(root); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT string_agg(source_uri || ':' || reason || ':' || size_bytes, ',' ORDER BY"
          + " source_uri) FROM rejects");
      rs.next();
      assertEquals("a:empty:0,b:binary:7", rs.getString(1));
    }
  }

  @Test
  public void eachShardWritesBothFormatsAndAllRowsArriveOnce() throws Exception {
    Path root = tmp.getRoot().toPath();
    java.util.List<Reject> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(Reject.newBuilder().setSourceUri("f" + i).setStage("read").setReason("empty").setDetail(null)
          .setSizeBytes(i).build());
    }
    p.apply(Create.of(rows).withCoder(AvroCoder.of(Reject.class)))
        .apply(WriteTable.of("rejects", root.toString(), Reject.class, Reject.getClassSchema()).withShards(3));
    p.run().waitUntilFinish();
    Path dir = root.resolve("rejects");
    for (String format : new String[] {"avro", "parquet"}) {
      for (int shard = 0; shard < 3; shard++) {
        assertTrue(format + " shard " + shard,
            java.nio.file.Files.exists(dir.resolve(String.format("rejects-%05d-of-00003.%s", shard, format))));
      }
    }
    try (var files = java.nio.file.Files.list(dir)) {
      assertEquals("no temporary files left", 6, files.count());
    }
    assertEquals(100, dev.newsfold.NewsfoldPipelineTest.readAvro(dir, Reject.class).size());
    try (Connection c = QueryTables.open(root); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT source_uri), sum(size_bytes) FROM rejects");
      rs.next();
      assertEquals(100, rs.getInt(1));
      assertEquals(100, rs.getInt(2));
      assertEquals(4950, rs.getLong(3));
    }
  }

  @Test
  public void finishRemovesLeftoversAndGivesAnEmptyTableBothFormats() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("claims");
    java.nio.file.Files.createDirectories(dir);
    Path leftover = dir.resolve(".claims-00001-of-00004.parquet.5d1c" + WriteTable.TEMPORARY_SUFFIX);
    java.nio.file.Files.writeString(leftover, "half a file from a failed attempt");
    WriteTable.finish(dir.toString(), "claims", Reject.getClassSchema());
    assertFalse(java.nio.file.Files.exists(leftover));
    assertEquals(0, dev.newsfold.NewsfoldPipelineTest.readAvro(dir, Reject.class).size());
    try (Connection c = QueryTables.open(tmp.getRoot().toPath()); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*), count(reason) FROM claims");
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }
}
