package dev.newsfold.entities;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    tagger.tagDocument(sentences.subList(0, Math.min(300, sentences.size())).stream().map(Conll.Sentence::words)
        .toList());
    long t0 = System.nanoTime();
    Result r = score(tagger, sentences);
    NerScore score = r.score;
    long tokens = r.tokens;
    int docs = r.documents;
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println("NER on " + file.getFileName() + " (" + docs + " documents, " + sentences.size()
        + " sentences, " + tokens + " tokens)");
    System.out.print(score.report());
    System.out.printf(Locale.ROOT, "model load %.2fs; tagging %.2fs = %.0f tokens/s (1 thread, incl. POS)%n",
        loadSeconds, seconds, tokens / seconds);
  }

  /** Entity-level score of {@code tagger} on CoNLL sentences, one document at a time. */
  public static Result score(NameTagger tagger, List<Conll.Sentence> sentences) {
    List<String[]> words = new ArrayList<>();
    for (Conll.Sentence s : sentences) {
      words.add(s.words());
    }
    // Documents are recovered from the text (headline + dateline), as the runtime sees one article at a time.
    int[] doc = Conll.documents(words);
    Result r = new Result();
    int start = 0;
    for (int i = 1; i <= words.size(); i++) {
      if (i < words.size() && doc[i] == doc[start]) {
        continue;
      }
      List<int[]> labels = tagger.tagDocument(words.subList(start, i));
      for (int k = start; k < i; k++) {
        r.tokens += words.get(k).length;
        r.score.add(sentences.get(k).spans(), NerModel.spans(labels.get(k - start)));
      }
      r.documents++;
      start = i;
    }
    return r;
  }

  /** What {@link #score} measured. */
  public static final class Result {
    public final NerScore score = new NerScore();
    public long tokens;
    public int documents;
  }
}
