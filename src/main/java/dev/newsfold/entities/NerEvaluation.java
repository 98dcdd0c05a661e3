package dev.newsfold.entities;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scores the shipped name model on a CoNLL-2003 file (default: eng.testa under -Dnewsfold.data): entity-level
 * P/R/F1 per type and overall (exact span and type, as conlleval), and tagging speed in tokens/s (POS tagging,
 * features and decoding; the gold tokenisation is used so the score is comparable with published figures).
 *
 * <p>Usage: {@code NerEvaluation [eng.testa]}
 */
public final class NerEvaluation {
  private NerEvaluation() {}

  public static void main(String[] args) throws Exception {
    String data = System.getProperty("newsfold.data", "../shared/data");
    Path file = args.length > 0 ? Path.of(args[0]) : Path.of(data, "conll2003", "eng.testa");
    if (!Files.exists(file)) {
      System.out.println("NerEvaluation: " + file + " not found; nothing to evaluate");
      return;
    }
    List<Conll.Sentence> sentences = Conll.read(file);
    long l0 = System.nanoTime();
    NameTagger tagger = new NameTagger(EntityRecognizer.model());
    tagger.tag(new String[] {"Warm", "up", "."});
    double loadSeconds = (System.nanoTime() - l0) / 1e9;
    // Warm the JIT on a slice so tokens/s reflects steady state, then time the full pass.
    for (int i = 0; i < Math.min(300, sentences.size()); i++) {
      tagger.tag(sentences.get(i).words());
    }
    NerScore score = new NerScore();
    long tokens = 0;
    long t0 = System.nanoTime();
    for (Conll.Sentence s : sentences) {
      int[] labels = tagger.tag(s.words());
      tokens += s.words().length;
      score.add(s.spans(), NerModel.spans(labels));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println("NER on " + file.getFileName() + " (" + sentences.size() + " sentences, " + tokens
        + " tokens)");
    System.out.print(score.report());
    System.out.printf(Locale.ROOT, "model load %.2fs; tagging %.2fs = %.0f tokens/s (1 thread, incl. POS)%n",
        loadSeconds, seconds, tokens / seconds);
  }
}
