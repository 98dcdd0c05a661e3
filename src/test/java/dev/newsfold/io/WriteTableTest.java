package dev.newsfold.io;

import static org.junit.Assert.assertEquals;

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
  public void emptyTableStillHasAParquetFileWithItsColumns() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("claims");
    WriteTable.ensureParquetFile(dir, "claims", Reject.getClassSchema());
    try (Connection c = QueryTables.open(tmp.getRoot().toPath()); var st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*), count(reason) FROM claims");
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }
}
