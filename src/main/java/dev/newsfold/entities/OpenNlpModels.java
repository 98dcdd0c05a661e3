package dev.newsfold.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * Lazily loaded, immutable OpenNLP models from the registry model jars, one copy per JVM for the entity and claim
 * stages (the models are shared; the ME wrappers around them are not thread-safe). Both stages tokenise with
 * {@link NerTokenizer}: OpenNLP's UD token model split names and numbers the name model never saw split, and cost the
 * claim stage a fifth of its CPU for the same PolNeAR figures.
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

  public static POSModel pos() {
    return Pos.MODEL;
  }

  public static SentenceModel sentences() {
    return Sentences.MODEL;
  }
}
