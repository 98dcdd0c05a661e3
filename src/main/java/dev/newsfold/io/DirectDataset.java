package dev.newsfold.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * An output on a non-local Beam file system (hdfs://, gs://, s3:// ...), where {@link DatasetPublisher}'s directory
 * rename is not available (object stores have no atomic rename). The job writes the tables straight into
 * {@code --output}; {@code manifest.json} is written last and marks the dataset complete. With {@code --overwrite}
 * the old manifest is deleted first, so a run that dies half way leaves a dataset without a manifest, which readers
 * must treat as incomplete.
 */
public final class DirectDataset {

  private final String output;

  public DirectDataset(String output) {
    this.output = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
  }

  /** True for local paths and file:// URIs, which {@link DatasetPublisher} stages and swaps atomically. */
  public static boolean isLocal(String output) {
    return "file".equals(FileSystems.matchNewResource(output, true).getScheme());
  }

  public String root() {
    return output;
  }

  public String manifestPath() {
    return output + "/manifest.json";
  }

  /** Refuses an existing dataset unless {@code overwrite}; with it, removes the old manifest, then the old files. */
  public void prepare(boolean overwrite) throws DatasetPublisher.OutputException {
    try {
      List<ResourceId> existing = files(output + "/**");
      if (existing.isEmpty()) {
        return;
      }
      if (!overwrite) {
        throw new DatasetPublisher.OutputException("--output " + output
            + " already holds a dataset; pass --overwrite to replace it");
      }
      FileSystems.delete(files(manifestPath()), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      FileSystems.delete(files(output + "/**"), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | IllegalArgumentException e) {
      throw new DatasetPublisher.OutputException("cannot use --output " + output + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }

  /** Writes manifest.json; call it after every table is complete. */
  public void writeManifest(String json) throws IOException {
    ResourceId file = FileSystems.matchNewResource(manifestPath(), false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<ResourceId> files(String pattern) throws IOException {
    MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    List<ResourceId> out = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        if (!m.resourceId().isDirectory()) {
          out.add(m.resourceId());
        }
      }
    }
    return out;
  }
}
