package dev.newsfold.entities;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.postag.POSTaggerME;

/**
 * Trains the name model on CoNLL-2003 eng.train: structured averaged perceptron (Collins 2002) over BILOU labels with
 * Viterbi decoding. Deterministic: fixed shuffling seed, sorted output.
 *
 * <p>Usage: {@code NerTrainer [--train eng.train] [--dev eng.testa] [--out model.bin.gz] [--epochs N]
 * [--unlabelled FILE]...}. With {@code --dev} it prints the dev F1 after each epoch.
 */
public final class NerTrainer {
  private static final int FOLDS = 10;

  private NerTrainer() {}

  record Prepared(String[] words, String[] pos, int[] gold, List<int[]> spans) {}

  static List<Prepared> prepare(List<Conll.Sentence> sentences) {
    POSTaggerME tagger = new POSTaggerME(OpenNlpModels.pos());
    List<Prepared> out = new ArrayList<>(sentences.size());
    for (Conll.Sentence s : sentences) {
      String[] norm = NameTagger.normalize(s.words());
      out.add(new Prepared(norm, tagger.tag(norm), Conll.labels(norm.length, s.spans()), s.spans()));
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
          g.add(String.join(" ", java.util.Arrays.copyOfRange(p.words(), s[0], s[1])), s[2]);
        }
      }
    }
    return g;
  }

  public static void main(String[] args) throws Exception {
    String data = System.getProperty("newsfold.data", "../shared/data");
    Path train = Path.of(data, "conll2003", "eng.train");
    Path dev = null;
    Path out = Path.of("src/main/resources" + NerModel.RESOURCE);
    int epochs = 12;
    List<Path> unlabelled = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--train" -> train = Path.of(args[++i]);
        case "--dev" -> dev = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--unlabelled" -> unlabelled.add(Path.of(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long t0 = System.nanoTime();
    List<Prepared> sents = prepare(Conll.read(train));
    List<Prepared> devSents = dev == null ? List.of() : prepare(Conll.read(dev));
    System.out.printf("read and POS-tagged %d train, %d dev sentences in %.1fs%n", sents.size(), devSents.size(),
        (System.nanoTime() - t0) / 1e9);

    Map<String, String> clusters = WordClusters.build(sents, unlabelled);
    System.out.printf("word clusters: %d words%n", clusters.size());

    // Gazetteer features on training sentences come from the other folds only (contiguous blocks, so a document's
    // names are not listed for its own sentences): otherwise the feature would be a perfect oracle in training.
    int n = sents.size();
    List<List<String>[]> featStrings = new ArrayList<>(n);
    for (int k = 0; k < FOLDS; k++) {
      int from = (int) ((long) n * k / FOLDS);
      int to = (int) ((long) n * (k + 1) / FOLDS);
      Gazetteer g = gazetteer(sents, from, to);
      for (int i = from; i < to; i++) {
        Prepared p = sents.get(i);
        featStrings.add(NerFeatures.extract(p.words(), p.pos(), g, clusters));
      }
    }
    Gazetteer full = gazetteer(sents, -1, -1);

    // Keep features seen at least twice: rarer ones add size, not accuracy.
    Map<String, Integer> counts = new HashMap<>();
    for (List<String>[] fs : featStrings) {
      for (List<String> f : fs) {
        for (String s : f) {
          counts.merge(s, 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= 2) {
        names.add(e.getKey());
      }
    }
    Collections.sort(names);
    for (String s : names) {
      index.put(s, index.size());
    }
    int L = NerModel.L;
    NerModel shell = new NerModel(index, null, null, full, clusters);
    int[][][] feats = new int[n][][];
    for (int i = 0; i < n; i++) {
      feats[i] = shell.index(featStrings.get(i));
    }
    featStrings = null;
    System.out.printf("%d features; extracted in %.1fs%n", index.size(), (System.nanoTime() - t0) / 1e9);

    NerModel devModelShell = new NerModel(index, null, null, full, clusters);
    int[][][] devFeats = new int[devSents.size()][][];
    for (int i = 0; i < devSents.size(); i++) {
      Prepared p = devSents.get(i);
      devFeats[i] = devModelShell.index(NerFeatures.extract(p.words(), p.pos(), full, clusters));
    }

    int nf = index.size();
    float[] w = new float[nf * L];
    double[] acc = new double[nf * L];
    float[] tr = new float[(L + 1) * L];
    double[] trAcc = new double[(L + 1) * L];
    int c = 1;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Random rnd = new Random(20030601L);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Collections.shuffle(order, rnd);
      int errors = 0;
      for (int idx : order) {
        int[][] x = feats[idx];
        int[] gold = sents.get(idx).gold();
        int[] pred = NerModel.viterbi(x, w, tr);
        boolean same = java.util.Arrays.equals(gold, pred);
        if (!same) {
          errors++;
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
      float[] avg = average(w, acc, c);
      float[] avgTr = average(tr, trAcc, c);
      String devMsg = "";
      if (devSents.size() > 0) {
        NerScore score = new NerScore();
        for (int i = 0; i < devSents.size(); i++) {
          score.add(devSents.get(i).spans(), NerModel.spans(NerModel.viterbi(devFeats[i], avg, avgTr)));
        }
        devMsg = String.format(" dev F1 %.4f", score.overallF1());
      }
      System.out.printf("epoch %d: %d sentence errors%s (%.1fs)%n", epoch, errors, devMsg,
          (System.nanoTime() - t0) / 1e9);
    }
    NerModel model = new NerModel(index, average(w, acc, c), average(tr, trAcc, c), full, clusters);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      model.save(os);
    }
    System.out.printf("wrote %s (%d bytes) in %.1fs%n", out, Files.size(out), (System.nanoTime() - t0) / 1e9);
  }

  /** Averaged weights w - acc/c, rounded to drop weights that average to (almost) nothing. */
  private static float[] average(float[] w, double[] acc, int c) {
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      float v = (float) (w[i] - acc[i] / c);
      out[i] = Math.abs(v) < 1e-4f ? 0f : v;
    }
    return out;
  }
}
