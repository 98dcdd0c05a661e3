package dev.newsfold.entities;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained linear-chain name tagger: averaged-perceptron weights over {@link NerFeatures}, BILOU labels over the
 * CoNLL types, first-order Viterbi decoding with the BILOU constraints. Immutable after loading, so one instance is
 * shared by all threads.
 */
final class NerModel {
  static final String RESOURCE = "/dev/newsfold/entities/ner-conll2003-en.bin.gz";
  private static final int MAGIC = 0x4e455231; // "NER1"

  /** Labels: 0 = O, then for type t: 1+4t+{B,I,L,U}. */
  static final int L = 1 + 4 * NerFeatures.TYPES.length;

  final Map<String, Integer> featureIndex;
  /** weights[f * L + label]. */
  final float[] weights;
  /** trans[prev * L + cur], prev == L is the sentence start. */
  final float[] trans;
  final Gazetteer gazetteer;
  final Map<String, String> clusters;
  /** Second pass that also sees document-level features built from this pass's labels; null if none. */
  final NerModel docStage;

  NerModel(Map<String, Integer> featureIndex, float[] weights, float[] trans, Gazetteer gazetteer,
      Map<String, String> clusters) {
    this(featureIndex, weights, trans, gazetteer, clusters, null);
  }

  /**
   * Run-time lookup of both passes' features at once (first-pass features are also second-pass ones): the value of a
   * feature is {@link #ids(int, int)} of its id in each pass, -1 if that pass does not know it.
   */
  final TextTable table;

  static long ids(int first, int second) {
    return ((long) first << 32) | (second & 0xffffffffL);
  }

  static int firstId(long ids) {
    return (int) (ids >> 32);
  }

  static int secondId(long ids) {
    return (int) ids;
  }

  NerModel(Map<String, Integer> featureIndex, float[] weights, float[] trans, Gazetteer gazetteer,
      Map<String, String> clusters, NerModel docStage) {
    this.docStage = docStage;
    this.featureIndex = featureIndex;
    this.weights = weights;
    this.trans = trans;
    this.gazetteer = gazetteer;
    this.clusters = clusters;
    Map<String, Integer> second = docStage == null ? Map.of() : docStage.featureIndex;
    TextTable t = new TextTable(featureIndex.size() + second.size());
    java.util.Set<String> all = new java.util.HashSet<>(featureIndex.keySet());
    all.addAll(second.keySet());
    for (String f : all) {
      Integer a = featureIndex.get(f);
      Integer b = second.get(f);
      t.put(f, ids(a == null ? -1 : a, b == null ? -1 : b));
    }
    if (t.size() != all.size()) {
      throw new IllegalStateException("feature hash collision: " + (all.size() - t.size()) + " features share a hash");
    }
    this.table = t;
  }

  static int type(int label) {
    return label == 0 ? -1 : (label - 1) / 4;
  }

  /** 0=B, 1=I, 2=L, 3=U; -1 for O. */
  static int part(int label) {
    return label == 0 ? -1 : (label - 1) % 4;
  }

  static int label(int type, int part) {
    return 1 + 4 * type + part;
  }

  /** Whether label cur may follow prev under BILOU (prev == L: sentence start). */
  static boolean allowed(int prev, int cur) {
    boolean open = prev != L && (part(prev) == 0 || part(prev) == 1);
    if (open) {
      return type(cur) == type(prev) && (part(cur) == 1 || part(cur) == 2);
    }
    return cur == 0 || part(cur) == 0 || part(cur) == 3;
  }

  static boolean allowedLast(int label) {
    return label == 0 || part(label) == 2 || part(label) == 3;
  }

  /** Maps feature strings to known feature ids (unknown features are dropped). */
  int[][] index(List<String>[] feats) {
    int[][] out = new int[feats.length][];
    for (int i = 0; i < feats.length; i++) {
      int[] ids = new int[feats[i].size()];
      int k = 0;
      for (String f : feats[i]) {
        Integer id = featureIndex.get(f);
        if (id != null) {
          ids[k++] = id;
        }
      }
      out[i] = java.util.Arrays.copyOf(ids, k);
    }
    return out;
  }

  int[] decode(int[][] feats) {
    return viterbi(feats, weights, trans);
  }

  /** PREDECESSORS[cur]: the labels that may precede cur under BILOU (not the sentence start). */
  private static final int[][] PREDECESSORS = new int[L][];

  static {
    for (int y = 0; y < L; y++) {
      int[] ps = new int[L];
      int k = 0;
      for (int p = 0; p < L; p++) {
        if (allowed(p, y)) {
          ps[k++] = p;
        }
      }
      PREDECESSORS[y] = java.util.Arrays.copyOf(ps, k);
    }
  }

  static int[] viterbi(int[][] feats, float[] w, float[] trans) {
    int[] counts = new int[feats.length];
    for (int i = 0; i < feats.length; i++) {
      counts[i] = feats[i].length;
    }
    return viterbi(feats, counts, w, trans);
  }

  /**
   * Best BILOU-valid label sequence; token i's feature ids are feats[i][0 .. counts[i]). Scores are floats (the
   * per-label sums vectorise) and only the transitions BILOU allows are visited.
   */
  static int[] viterbi(int[][] feats, int[] counts, float[] w, float[] trans) {
    int n = counts.length;
    if (n == 0) {
      return new int[0];
    }
    float ninf = Float.NEGATIVE_INFINITY;
    float[] prev = new float[L];
    float[] cur = new float[L];
    int[] back = new int[n * L];
    float[] emit = new float[L];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(emit, 0f);
      int[] fs = feats[i];
      for (int k = 0, m = counts[i]; k < m; k++) {
        int base = fs[k] * L;
        for (int y = 0; y < L; y++) {
          emit[y] += w[base + y];
        }
      }
      for (int y = 0; y < L; y++) {
        float best = ninf;
        int arg = -1;
        if (i == 0) {
          if (allowed(L, y)) {
            best = trans[L * L + y];
          }
        } else {
          for (int p : PREDECESSORS[y]) {
            if (prev[p] == ninf) {
              continue;
            }
            float s = prev[p] + trans[p * L + y];
            if (s > best) {
              best = s;
              arg = p;
            }
          }
        }
        cur[y] = best == ninf ? best : best + emit[y];
        back[i * L + y] = arg;
      }
      float[] t = prev;
      prev = cur;
      cur = t;
    }
    int bestY = 0;
    float best = ninf;
    for (int y = 0; y < L; y++) {
      if (allowedLast(y) && prev[y] > best) {
        best = prev[y];
        bestY = y;
      }
    }
    int[] out = new int[n];
    out[n - 1] = bestY;
    for (int i = n - 1; i > 0; i--) {
      out[i - 1] = back[i * L + out[i]];
    }
    return out;
  }

  /** Spans [start, end) in tokens with their type index, from a label sequence. */
  static List<int[]> spans(int[] labels) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < labels.length; i++) {
      int p = part(labels[i]);
      if (p == 3) {
        out.add(new int[] {i, i + 1, type(labels[i])});
        start = -1;
      } else if (p == 0) {
        start = i;
      } else if (p == 2 && start >= 0) {
        out.add(new int[] {start, i + 1, type(labels[i])});
        start = -1;
      }
    }
    return out;
  }

  /** Writes the model, dropping features whose weights are all zero. */
  void save(OutputStream os) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(os), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(L);
      write(out);
      out.writeBoolean(docStage != null);
      if (docStage != null) {
        docStage.write(out);
      }
    }
  }

  private void write(DataOutputStream out) throws IOException {
    {
      for (float t : trans) {
        out.writeFloat(t);
      }
      Map<String, Integer> g = gazetteer.phrases();
      out.writeInt(g.size());
      for (String k : new java.util.TreeSet<>(g.keySet())) {
        out.writeUTF(k);
        out.writeByte(g.get(k));
      }
      out.writeInt(clusters.size());
      for (String k : new java.util.TreeSet<>(clusters.keySet())) {
        out.writeUTF(k);
        out.writeUTF(clusters.get(k));
      }
      List<String> kept = new ArrayList<>();
      for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(featureIndex).entrySet()) {
        int base = e.getValue() * L;
        for (int y = 0; y < L; y++) {
          if (weights[base + y] != 0f) {
            kept.add(e.getKey());
            break;
          }
        }
      }
      out.writeInt(kept.size());
      for (String f : kept) {
        out.writeUTF(f);
        int base = featureIndex.get(f) * L;
        int nz = 0;
        for (int y = 0; y < L; y++) {
          nz += weights[base + y] != 0f ? 1 : 0;
        }
        out.writeByte(nz);
        for (int y = 0; y < L; y++) {
          if (weights[base + y] != 0f) {
            out.writeByte(y);
            out.writeFloat(weights[base + y]);
          }
        }
      }
    }
  }

  static NerModel load(InputStream is) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(is, 1 << 16)))) {
      if (in.readInt() != MAGIC || in.readInt() != L) {
        throw new IOException("not a newsfold NER model");
      }
      NerModel first = read(in);
      NerModel second = in.readBoolean() ? read(in) : null;
      return new NerModel(first.featureIndex, first.weights, first.trans, first.gazetteer, first.clusters, second);
    }
  }

  private static NerModel read(DataInputStream in) throws IOException {
    {
      float[] trans = new float[(L + 1) * L];
      for (int i = 0; i < trans.length; i++) {
        trans[i] = in.readFloat();
      }
      int ng = in.readInt();
      Map<String, Integer> g = new HashMap<>(ng * 2);
      for (int i = 0; i < ng; i++) {
        g.put(in.readUTF(), (int) in.readByte());
      }
      int nc = in.readInt();
      Map<String, String> clusters = new HashMap<>(nc * 2);
      for (int i = 0; i < nc; i++) {
        clusters.put(in.readUTF(), in.readUTF());
      }
      int nf = in.readInt();
      Map<String, Integer> index = new HashMap<>(nf * 2);
      float[] w = new float[nf * L];
      for (int f = 0; f < nf; f++) {
        index.put(in.readUTF(), f);
        int nz = in.readByte();
        for (int k = 0; k < nz; k++) {
          int y = in.readByte();
          w[f * L + y] = in.readFloat();
        }
      }
      return new NerModel(index, w, trans, new Gazetteer(g), clusters);
    }
  }
}
