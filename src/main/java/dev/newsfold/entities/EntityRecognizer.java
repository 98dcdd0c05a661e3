package dev.newsfold.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.util.Span;

/**
 * Finds PERSON, ORGANIZATION, LOCATION and MISC mentions in plain text with the shipped CoNLL-2003 name model.
 *
 * <p>Pipeline: lines, then OpenNLP sentence detection, then {@link NerTokenizer} (CoNLL token conventions), then
 * OpenNLP POS tags (greedy), then the perceptron tagger. The models are loaded once per JVM and shared; an instance
 * owns OpenNLP's sentence detector, reused buffers and bounded word caches, none thread-safe, so use one instance per
 * thread (e.g. per DoFn in @Setup).
 */
public final class EntityRecognizer {
  /** Longer "sentences" (lists, tables, run-on chrome) are cut into pieces of this many tokens. */
  private static final int MAX_SENTENCE_TOKENS = 250;

  private static final String[] TYPE_NAMES = {"PERSON", "ORGANIZATION", "LOCATION", "MISC"};

  private static final class Holder {
    static final NerModel MODEL = read();

    private static NerModel read() {
      try (InputStream in = EntityRecognizer.class.getResourceAsStream(NerModel.RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("NER model " + NerModel.RESOURCE + " missing from the classpath");
        }
        return NerModel.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final NameTagger tagger;
  private final SentenceDetectorME sentences;

  private EntityRecognizer(NerModel model) {
    this.tagger = new NameTagger(model);
    this.sentences = new SentenceDetectorME(OpenNlpModels.sentences());
  }

  static NerModel model() {
    return Holder.MODEL;
  }

  /** A new recognizer over the shared model (cheap after the first call). Not thread-safe. */
  public static EntityRecognizer load() {
    return new EntityRecognizer(model());
  }

  /**
   * The entities table's rows for one article: its mentions canonicalised (the title counts toward salience), one row
   * per entity, with the article's ids.
   */
  public List<dev.newsfold.schema.Entity> entityRows(dev.newsfold.schema.Article article) {
    String text = article.getText() == null ? "" : article.getText();
    List<dev.newsfold.schema.Entity> rows = new ArrayList<>();
    for (EntityCanonicalizer.CanonicalEntity e
        : EntityCanonicalizer.canonicalize(find(text), article.getTitle(), text.length())) {
      rows.add(dev.newsfold.schema.Entity.newBuilder()
          .setArticleId(article.getArticleId())
          .setStoryId(article.getStoryId())
          .setEntityId(e.entityId())
          .setName(e.name())
          .setType(e.type())
          .setMentions(e.mentions())
          .setSurfaceForms(e.surfaceForms())
          .setFirstOffset(e.firstOffset())
          .setSalience(e.salience())
          .build());
    }
    return rows;
  }

  /**
   * Mentions in order of position; offsets are chars into {@code text}. The whole text is one document: the second
   * pass sees how each name was tagged in the other sentences.
   */
  public List<Mention> find(String text) {
    List<Mention> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    List<List<Token>> pieces = new ArrayList<>();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? text.length() : nl;
      String line = text.substring(lineStart, lineEnd);
      if (!line.isBlank()) {
        for (Span s : sentences.sentPosDetect(line)) {
          List<Token> tokens = NerTokenizer.tokenize(text, lineStart + s.getStart(), lineStart + s.getEnd());
          for (int off = 0; off < tokens.size(); off += MAX_SENTENCE_TOKENS) {
            pieces.add(tokens.subList(off, Math.min(tokens.size(), off + MAX_SENTENCE_TOKENS)));
          }
        }
      }
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
    }
    List<String[]> words = new ArrayList<>(pieces.size());
    for (List<Token> piece : pieces) {
      String[] w = new String[piece.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = piece.get(i).text();
      }
      words.add(w);
    }
    List<int[]> labels = tagger.tagDocument(words);
    for (int p = 0; p < pieces.size(); p++) {
      List<Token> piece = pieces.get(p);
      for (int[] span : NerModel.spans(labels.get(p))) {
        int start = piece.get(span[0]).start();
        int end = piece.get(span[1] - 1).end();
        out.add(new Mention(TYPE_NAMES[span[2]], text.substring(start, end), start, end));
      }
    }
    return out;
  }
}
