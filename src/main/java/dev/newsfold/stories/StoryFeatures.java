package dev.newsfold.stories;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * What the rewrite check needs of one article: a truncated, L2-normalised TF-IDF vector (term hashes sorted
 * ascending) and the story key (rarest salient terms with their idf). Compact on purpose: it travels into every
 * block the article is in.
 */
public final class StoryFeatures {
  /** Marker for an unknown publication date. */
  public static final int NO_DATE = Integer.MIN_VALUE;

  public final String articleId;
  public final int date;
  public final long[] terms;
  public final float[] weights;
  public final String[] keyTerms;
  public final float[] keyWeights;

  public StoryFeatures(String articleId, int date, long[] terms, float[] weights, String[] keyTerms,
      float[] keyWeights) {
    this.articleId = articleId;
    this.date = date;
    this.terms = terms;
    this.weights = weights;
    this.keyTerms = keyTerms;
    this.keyWeights = keyWeights;
  }

  /** Cosine of two normalised sparse vectors (merge of the sorted term arrays). */
  public static double cosine(StoryFeatures a, StoryFeatures b) {
    int i = 0;
    int j = 0;
    double dot = 0;
    while (i < a.terms.length && j < b.terms.length) {
      long x = a.terms[i];
      long y = b.terms[j];
      if (x == y) {
        dot += (double) a.weights[i++] * b.weights[j++];
      } else if (x < y) {
        i++;
      } else {
        j++;
      }
    }
    return dot;
  }

  /** Number of key terms the two articles share. */
  public static int sharedKeyTerms(StoryFeatures a, StoryFeatures b) {
    int n = 0;
    for (String x : a.keyTerms) {
      for (String y : b.keyTerms) {
        if (x.equals(y)) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** Shared key weight over the smaller key's weight: 1 when one key is contained in the other. */
  public static double keyOverlap(StoryFeatures a, StoryFeatures b) {
    double shared = 0;
    double sumA = 0;
    double sumB = 0;
    for (int i = 0; i < a.keyTerms.length; i++) {
      sumA += a.keyWeights[i];
      for (int j = 0; j < b.keyTerms.length; j++) {
        if (a.keyTerms[i].equals(b.keyTerms[j])) {
          shared += Math.min(a.keyWeights[i], b.keyWeights[j]);
          break;
        }
      }
    }
    for (float w : b.keyWeights) {
      sumB += w;
    }
    double denom = Math.min(sumA, sumB);
    return denom <= 0 ? 0 : Math.min(1.0, shared / denom);
  }

  /** Hand-written coder: Java serialization would repeat class descriptors in every element. */
  public static final class Coder extends AtomicCoder<StoryFeatures> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(StoryFeatures f, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(f.articleId);
      out.writeInt(f.date);
      out.writeInt(f.terms.length);
      for (int i = 0; i < f.terms.length; i++) {
        out.writeLong(f.terms[i]);
        out.writeFloat(f.weights[i]);
      }
      out.writeInt(f.keyTerms.length);
      for (int i = 0; i < f.keyTerms.length; i++) {
        out.writeUTF(f.keyTerms[i]);
        out.writeFloat(f.keyWeights[i]);
      }
      out.flush();
    }

    @Override
    public StoryFeatures decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String id = in.readUTF();
      int date = in.readInt();
      int n = in.readInt();
      long[] terms = new long[n];
      float[] weights = new float[n];
      for (int i = 0; i < n; i++) {
        terms[i] = in.readLong();
        weights[i] = in.readFloat();
      }
      int k = in.readInt();
      String[] keys = new String[k];
      float[] kw = new float[k];
      for (int i = 0; i < k; i++) {
        keys[i] = in.readUTF();
        kw[i] = in.readFloat();
      }
      return new StoryFeatures(id, date, terms, weights, keys, kw);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
