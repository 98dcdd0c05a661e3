package dev.newsfold.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsfold.io.DatasetPublisher;
import dev.newsfold.io.DirectDataset;
import dev.newsfold.io.WriteTable;
import dev.newsfold.schema.Reject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place output used for hdfs://, gs://, s3:// (no atomic rename there). It only talks to Beam's FileSystems, so
 * a local directory exercises the same calls; the scheme decides which path the driver takes.
 */
public class DirectDatasetTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void fileSystems() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  @Test
  void onlyLocalPathsAreStagedAndSwapped() {
    assertTrue(DirectDataset.isLocal("out"));
    assertTrue(DirectDataset.isLocal("/data/out"));
    assertTrue(DirectDataset.isLocal("file:///data/out"));
    // No file system registered for the scheme: a clear error instead of a local folder named "hdfs:".
    assertThrows(IllegalArgumentException.class, () -> DirectDataset.isLocal("nosuchfs://cluster/out"));
  }

  @Test
  void refusesAnExistingDatasetAndOverwritesManifestFirst() throws Exception {
    Path out = tmp.resolve("out");
    DirectDataset dataset = new DirectDataset(out.toString());
    dataset.prepare(false); // nothing there yet
    Files.createDirectories(out.resolve("articles"));
    Files.writeString(out.resolve("articles/articles-00000-of-00001.avro"), "old");
    dataset.writeManifest("{\"rows\": {}}");
    assertTrue(Files.exists(out.resolve("manifest.json")));

    DatasetPublisher.OutputException refused =
        assertThrows(DatasetPublisher.OutputException.class, () -> dataset.prepare(false));
    assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
    assertTrue(Files.exists(out.resolve("articles/articles-00000-of-00001.avro")), "refusal must not delete");

    dataset.prepare(true);
    assertFalse(Files.exists(out.resolve("manifest.json")));
    assertFalse(Files.exists(out.resolve("articles/articles-00000-of-00001.avro")));
  }

  @Test
  void emptyTableGetsReadableFilesThroughFileSystems() throws Exception {
    Path dir = tmp.resolve("rejects");
    Files.createDirectories(dir);
    WriteTable.finish(dir.toString(), "rejects", Reject.getClassSchema());
    WriteTable.finish(dir.toString(), "rejects", Reject.getClassSchema()); // idempotent
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count()); // one .avro, one .parquet
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); var st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(reason) FROM read_parquet('" + dir + "/*.parquet')")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getInt(1));
    }
  }
}
