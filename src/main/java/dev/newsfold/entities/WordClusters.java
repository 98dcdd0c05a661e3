package dev.newsfold.entities;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Distributional word clusters from unlabelled text (placeholder: none until built). */
final class WordClusters {
  private WordClusters() {}

  static Map<String, String> build(List<NerTrainer.Prepared> train, List<Path> unlabelled) {
    return new HashMap<>();
  }
}
