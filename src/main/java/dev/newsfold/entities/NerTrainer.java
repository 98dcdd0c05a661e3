package dev.newsfold.entities;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Trains the name model on CoNLL-2003 eng.train: structured averaged perceptron (Collins 2002) over BILOU labels with
 * Viterbi decoding, in two passes: the first over sentence features, the second adding document-level features
 * built from first-pass labels (jackknifed on the training data so they are as noisy as at run time).
 * Deterministic: fixed shuffling seed, sorted feature tables.
 *
 * <p>Usage: {@code NerTrainer [--train eng.train] [--dev eng.testa] [--out model.bin.gz] [--epochs N]
 * [--unlabelled FILE]... [--no-doc]}. With {@code --dev} it prints the dev F1 after each epoch of the final pass.
 */
public final class NerTrainer {
  private static final int GAZ_FOLDS = 10;
  private static final int STAGE_FOLDS = 5;
  private static final long SEED = 20030601L;

  private NerTrainer() {}

  record Prepared(String[] words, String[] pos, int[] gold, List<int[]> spans) {}

  /** Averaged weights of one pass. */
  record Weights(float[] w, float[] trans) {}

  static List<Prepared> prepare(List<Conll.Sentence> sentences) {
    GreedyPosTagger tagger = new GreedyPosTagger();
    List<Prepared> out = new ArrayList<>(sentences.size());
    for (Conll.Sentence s : sentences) {
      String[] norm = NameTagger.normalize(s.words());
      String[] pos = tagger.tag(norm);
      out.add(new Prepared(norm, pos, Conll.labels(norm.length, s.spans()), s.spans()));
    }
    return out;
  }

  static Gazetteer gazetteer(List<Prepared> sentences, int fromExcl, int toExcl) {
    Gazetteer g = Gazetteer.empty();
    for (int i = 0; i < sentences.size(); i++) {
      if (i >= fromExcl && i < toExcl) {
        continue;
      }
      Prepared p = sentences.get(i);
      for (int[] s : p.spans()) {
        if (s[1] - s[0] <= Gazetteer.MAX_LEN) {
          g.add(String.join(" ", Arrays.copyOfRange(p.words(), s[0], s[1])), s[2]);
        }
      }
    }
    return g;
  }

  /** Feature table over features seen at least twice (rarer ones add size, not accuracy), sorted for determinism. */
  static Map<String, Integer> index(List<List<String>[]> featStrings) {
    Map<String, Integer> counts = new HashMap<>();
    for (List<String>[] fs : featStrings) {
      for (List<String> f : fs) {
        for (String s : f) {
          counts.merge(s, 1, Integer::sum);
        }
      }
    }
    List<String> names = new ArrayList<>();
    counts.forEach((k, v) -> {
      if (v >= 2) {
        names.add(k);
      }
    });
    Collections.sort(names);
    Map<String, Integer> index = new HashMap<>(names.size() * 2);
    for (String s : names) {
      index.put(s, index.size());
    }
    return index;
  }

  static int[][][] ids(Map<String, Integer> index, List<List<String>[]> featStrings) {
    NerModel shell = new NerModel(index, null, null, null, null);
    int[][][] out = new int[featStrings.size()][][];
    for (int i = 0; i < out.length; i++) {
      out[i] = shell.index(featStrings.get(i));
    }
    return out;
  }

  /** Structured averaged perceptron over the given sentences; {@code afterEpoch} sees the epoch number. */
  static Weights train(int[][][] feats, List<Prepared> sents, int nf, List<Integer> use, int epochs,
      java.util.function.BiConsumer<Integer, Weights> afterEpoch) {
    int L = NerModel.L;
    float[] w = new float[nf * L];
    double[] acc = new double[nf * L];
    float[] tr = new float[(L + 1) * L];
    double[] trAcc = new double[(L + 1) * L];
    int c = 1;
    List<Integer> order = new ArrayList<>(use);
    Random rnd = new Random(SEED);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Collections.shuffle(order, rnd);
      for (int idx : order) {
        int[][] x = feats[idx];
        int[] gold = sents.get(idx).gold();
        int[] pred = NerModel.viterbi(x, w, tr);
        if (!Arrays.equals(gold, pred)) {
          for (int i = 0; i < x.length; i++) {
            if (gold[i] != pred[i]) {
              for (int f : x[i]) {
                w[f * L + gold[i]] += 1;
                acc[f * L + gold[i]] += c;
                w[f * L + pred[i]] -= 1;
                acc[f * L + pred[i]] -= c;
              }
            }
            int gp = i == 0 ? L : gold[i - 1];
            int pp = i == 0 ? L : pred[i - 1];
            if (gp != pp || gold[i] != pred[i]) {
              tr[gp * L + gold[i]] += 1;
              trAcc[gp * L + gold[i]] += c;
              tr[pp * L + pred[i]] -= 1;
              trAcc[pp * L + pred[i]] -= c;
            }
          }
        }
        c++;
      }
      if (afterEpoch != null) {
        afterEpoch.accept(epoch, new Weights(average(w, acc, c), average(tr, trAcc, c)));
      }
    }
    return new Weights(average(w, acc, c), average(tr, trAcc, c));
  }

  /** Averaged weights w - acc/c; weights that average to (almost) nothing are dropped from the model. */
  private static float[] average(float[] w, double[] acc, int c) {
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      float v = (float) (w[i] - acc[i] / c);
      out[i] = Math.abs(v) < 1e-4f ? 0f : v;
    }
    return out;
  }

  /** Adds document features (from first-pass labels) to copies of the base features, document by document. */
  static List<List<String>[]> withDocumentFeatures(List<Prepared> sents, List<List<String>[]> base,
      List<int[]> firstPass) {
    List<String[]> words = new ArrayList<>();
    for (Prepared p : sents) {
      words.add(p.words());
    }
    int[] doc = Conll.documents(words);
    List<List<String>[]> out = new ArrayList<>(base.size());
    for (List<String>[] f : base) {
      @SuppressWarnings("unchecked")
      List<String>[] copy = new List[f.length];
      for (int i = 0; i < f.length; i++) {
        copy[i] = new ArrayList<>(f[i]);
      }
      out.add(copy);
    }
    int start = 0;
    for (int i = 1; i <= sents.size(); i++) {
      if (i == sents.size() || doc[i] != doc[start]) {
        NerFeatures.addDocumentFeatures(words.subList(start, i), firstPass.subList(start, i), out.subList(start, i));
        start = i;
      }
    }
    return out;
  }

  static List<int[]> decodeAll(int[][][] feats, Weights wt) {
    List<int[]> out = new ArrayList<>(feats.length);
    for (int[][] x : feats) {
      out.add(NerModel.viterbi(x, wt.w(), wt.trans()));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    String data = System.getProperty("newsfold.data", "../shared/data");
    Path train = Path.of(data, "conll2003", "eng.train");
    Path dev = null;
    Path out = Path.of("src/main/resources" + NerModel.RESOURCE);
    int epochs = 10;
    boolean docPass = true;
    List<Path> unlabelled = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--train" -> train = Path.of(args[++i]);
        case "--dev" -> dev = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--unlabelled" -> unlabelled.add(Path.of(args[++i]));
        case "--no-doc" -> docPass = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long t0 = System.nanoTime();
    List<Prepared> sents = prepare(Conll.read(train));
    List<Prepared> devSents = dev == null ? List.of() : prepare(Conll.read(dev));
    log(t0, "read %d train, %d dev sentences", sents.size(), devSents.size());

    Map<String, String> clusters = WordClusters.build(sents, unlabelled);
    log(t0, "word clusters: %d words", clusters.size());

    // Gazetteer features on training sentences come from the other folds only (contiguous blocks, so a story's
    // names are not listed for its own sentences): otherwise the feature would be a perfect oracle in training.
    int n = sents.size();
    List<List<String>[]> base = new ArrayList<>(n);
    for (int k = 0; k < GAZ_FOLDS; k++) {
      int from = (int) ((long) n * k / GAZ_FOLDS);
      int to = (int) ((long) n * (k + 1) / GAZ_FOLDS);
      Gazetteer g = gazetteer(sents, from, to);
      for (int i = from; i < to; i++) {
        Prepared p = sents.get(i);
        base.add(NerFeatures.extract(p.words(), p.pos(), g, clusters));
      }
    }
    Gazetteer full = gazetteer(sents, -1, -1);
    List<List<String>[]> devBase = new ArrayList<>();
    for (Prepared p : devSents) {
      devBase.add(NerFeatures.extract(p.words(), p.pos(), full, clusters));
    }
    Map<String, Integer> index1 = index(base);
    int[][][] feats1 = ids(index1, base);
    log(t0, "first pass: %d features", index1.size());

    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    final int ep = epochs;
    final List<Prepared> devFinal = devSents;
    Weights first = train(feats1, sents, index1.size(), all, epochs,
        docPass ? null : (e, wt) -> devReport(e, ep, devFinal, decodeAll(ids(index1, devBase), wt), t0));
    NerModel firstModel = new NerModel(index1, first.w(), first.trans(), full, clusters);
    NerModel model = firstModel;

    if (docPass) {
      // Realistic first-pass labels for the training data: each fold labelled by a model trained on the others.
      List<int[]> jack = new ArrayList<>(Collections.nCopies(n, (int[]) null));
      for (int k = 0; k < STAGE_FOLDS; k++) {
        int from = (int) ((long) n * k / STAGE_FOLDS);
        int to = (int) ((long) n * (k + 1) / STAGE_FOLDS);
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (i < from || i >= to) {
            rest.add(i);
          }
        }
        Weights wk = train(feats1, sents, index1.size(), rest, epochs, null);
        for (int i = from; i < to; i++) {
          jack.set(i, NerModel.viterbi(feats1[i], wk.w(), wk.trans()));
        }
      }
      log(t0, "jackknifed first pass over %d folds", STAGE_FOLDS);
      List<List<String>[]> second = withDocumentFeatures(sents, base, jack);
      Map<String, Integer> index2 = index(second);
      int[][][] feats2 = ids(index2, second);
      List<int[]> devFirst = decodeAll(ids(index1, devBase), first);
      int[][][] devFeats2 = ids(index2, withDocumentFeatures(devSents, devBase, devFirst));
      log(t0, "second pass: %d features", index2.size());
      Weights w2 = train(feats2, sents, index2.size(), all, epochs,
          (e, wt) -> devReport(e, ep, devFinal, decodeAll(devFeats2, wt), t0));
      model = new NerModel(index1, first.w(), first.trans(), full, clusters,
          new NerModel(index2, w2.w(), w2.trans(), full, clusters));
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      model.save(os);
    }
    log(t0, "wrote %s (%d bytes)", out, Files.size(out));
  }

  private static void devReport(int epoch, int epochs, List<Prepared> dev, List<int[]> pred, long t0) {
    if (dev.isEmpty()) {
      return;
    }
    NerScore score = new NerScore();
    for (int i = 0; i < dev.size(); i++) {
      score.add(dev.get(i).spans(), NerModel.spans(pred.get(i)));
    }
    log(t0, "epoch %d: dev F1 %.4f", epoch, score.overallF1());
    if (epoch == epochs) {
      System.out.print(score.report());
    }
  }

  private static void log(long t0, String fmt, Object... args) {
    System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, String.format(fmt, args));
  }
}
