package dev.newsfold.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * Lazily loaded, immutable OpenNLP models from the registry model jars, one copy per JVM for the entity and claim
 * stages (the models are shared; the ME wrappers around them are not thread-safe).
 */
public final class OpenNlpModels {
  private OpenNlpModels() {}

  private static InputStream open(String name) {
    InputStream in = OpenNlpModels.class.getResourceAsStream("/" + name);
    if (in == null) {
      throw new IllegalStateException("OpenNLP model " + name + " not on the classpath");
    }
    return in;
  }

  private static final class Pos {
    static final POSModel MODEL = load();

    private static POSModel load() {
      try (InputStream in = open("opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")) {
        return new POSModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Sentences {
    static final SentenceModel MODEL = load();

    private static SentenceModel load() {
      try (InputStream in = open("opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")) {
        return new SentenceModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Tokens {
    static final TokenizerModel MODEL = load();

    private static TokenizerModel load() {
      try (InputStream in = open("opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")) {
        return new TokenizerModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static POSModel pos() {
    return Pos.MODEL;
  }

  public static SentenceModel sentences() {
    return Sentences.MODEL;
  }

  public static TokenizerModel tokenizer() {
    return Tokens.MODEL;
  }

  /**
   * The same tokenizer model with OpenNLP's alphanumeric optimisation on: a whitespace token of letters and digits
   * only is kept whole without asking the maxent model about each of its character boundaries (the UD model ships
   * with it off; tokenising was ~15% of the job's CPU).
   */
  public static TokenizerModel tokenizerAlphaNumericWhole() {
    return FastTokens.MODEL;
  }

  private static final class FastTokens {
    static final TokenizerModel MODEL = build();

    private static TokenizerModel build() {
      TokenizerModel m = Tokens.MODEL;
      return new TokenizerModel(m.getMaxentModel(), java.util.Map.of(),
          new opennlp.tools.tokenize.TokenizerFactory(m.getFactory().getLanguageCode(), m.getAbbreviations(), true,
              m.getFactory().getAlphaNumericPattern()));
    }
  }
}
