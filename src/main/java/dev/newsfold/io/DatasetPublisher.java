package dev.newsfold.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Makes a run's output appear all at once. The job writes into a staging directory beside {@code --output}; only after
 * every table and manifest.json are written is the staging directory renamed into place. A crashed or killed run leaves
 * the previous dataset untouched (and at most a stale staging directory, cleared by the next run).
 */
public final class DatasetPublisher {

  /** Thrown for output problems the user must fix; the message is one line. */
  public static final class OutputException extends Exception {
    public OutputException(String message) {
      super(message);
    }
  }

  private final Path output;
  private final Path staging;

  public DatasetPublisher(Path output) {
    this.output = output.toAbsolutePath().normalize();
    this.staging = this.output.resolveSibling("." + this.output.getFileName() + ".staging");
  }

  public Path staging() {
    return staging;
  }

  public Path output() {
    return output;
  }

  /** Checks the output can be written and prepares an empty staging directory. */
  public void prepare(boolean overwrite) throws OutputException {
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new OutputException("--output " + output + " exists and is not a directory");
    }
    if (Files.isDirectory(output) && !isEmpty(output) && !overwrite) {
      throw new OutputException("--output " + output + " already holds a dataset; pass --overwrite to replace it");
    }
    try {
      Files.createDirectories(output.getParent());
      deleteRecursively(staging);
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new OutputException("cannot write to " + output.getParent() + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    if (!Files.isWritable(staging)) {
      throw new OutputException("cannot write to " + output.getParent());
    }
  }

  /** Swaps the complete staging directory into place of the output. */
  public void publish() throws IOException {
    Path previous = output.resolveSibling("." + output.getFileName() + ".previous");
    deleteRecursively(previous);
    if (Files.exists(output)) {
      move(output, previous);
    }
    move(staging, output);
    deleteRecursively(previous);
  }

  /** Removes the staging directory after a failed run. */
  public void abandon() {
    try {
      deleteRecursively(staging);
    } catch (IOException ignored) {
      // best effort: the next run clears it anyway
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
