package dev.newsfold.claims;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * OpenNLP English models (UD-EWT, from the opennlp-models-*-en jars), loaded once per JVM. The models are immutable and
 * thread-safe; the ME wrappers around them are not, so each extractor builds its own.
 */
final class NlpModels {
  static final String SENTENCE = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  static final String TOKENS = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
  static final String POS = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

  private NlpModels() {}

  // Initialization-on-demand holder: lazy, loaded once, no locking on the hot path.
  private static final class Holder {
    static final SentenceModel SENTENCE_MODEL = load(SENTENCE, SentenceModel::new);
    static final TokenizerModel TOKENIZER_MODEL = load(TOKENS, TokenizerModel::new);
    static final POSModel POS_MODEL = load(POS, POSModel::new);
  }

  static SentenceModel sentenceModel() { return Holder.SENTENCE_MODEL; }
  static TokenizerModel tokenizerModel() { return Holder.TOKENIZER_MODEL; }
  static POSModel posModel() { return Holder.POS_MODEL; }

  private interface ModelReader<T> { T read(InputStream in) throws IOException; }

  private static <T> T load(String resource, ModelReader<T> reader) {
    try (InputStream in = NlpModels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenNLP model " + resource + " not on the classpath");
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read OpenNLP model " + resource, e);
    }
  }
}
