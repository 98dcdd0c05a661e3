package dev.newsfold.io;

import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.RawDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReadRawDocumentsTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void filesBecomeDocumentsOrRejects() throws Exception {
    Path dir = tmp.getRoot().toPath();
    Files.writeString(dir.resolve("a.txt"), "Title\n\nBody text.");
    Files.write(dir.resolve("b.jsonl"), ("{\"text\": \"one\"}\n{\"text\": \"two\"}\nnot json\n")
        .getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("c.txt"), new byte[0]);
    Files.createDirectory(dir.resolve("d.html"));

    PCollectionTuple out = p.apply(ReadRawDocuments.from(List.of(dir + "/*"), 1_000_000));
    PAssert.that(out.get(ReadRawDocuments.DOCUMENTS)
            .apply("Contents", MapElements.into(TypeDescriptors.strings()).via(RawDocument::getContent)))
        .containsInAnyOrder("Title\n\nBody text.", "one", "two");
    PAssert.that(out.get(ReadRawDocuments.REJECTS)
            .apply("Reasons", MapElements.into(TypeDescriptors.strings()).via((Reject r) -> r.getReason())))
        .satisfies(reasons -> {
          List<String> sorted = new java.util.ArrayList<>();
          reasons.forEach(sorted::add);
          java.util.Collections.sort(sorted);
          // A directory that a glob matches is either listed as a reject or not listed at all by the file system.
          List<String> expected = sorted.contains("not_a_file") ? List.of("empty", "malformed_json", "not_a_file")
              : List.of("empty", "malformed_json");
          org.junit.Assert.assertEquals(expected, sorted);
          return null;
        });
    p.run().waitUntilFinish();
  }
}
