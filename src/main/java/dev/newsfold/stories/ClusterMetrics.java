package dev.newsfold.stories;

import java.util.HashMap;
import java.util.Map;

/** B-cubed and pairwise precision/recall/F1 of a predicted clustering against gold clusters (same item keys). */
public final class ClusterMetrics {
  public final double bcubedPrecision;
  public final double bcubedRecall;
  public final double pairPrecision;
  public final double pairRecall;

  private ClusterMetrics(double bp, double br, double pp, double pr) {
    bcubedPrecision = bp;
    bcubedRecall = br;
    pairPrecision = pp;
    pairRecall = pr;
  }

  public static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double bcubedF1() {
    return f1(bcubedPrecision, bcubedRecall);
  }

  public double pairF1() {
    return f1(pairPrecision, pairRecall);
  }

  /** Items present in {@code gold} are scored; {@code predicted} must label each of them. */
  public static ClusterMetrics of(Map<String, String> gold, Map<String, String> predicted) {
    Map<String, Integer> goldSize = new HashMap<>();
    Map<String, Integer> predSize = new HashMap<>();
    Map<String, Integer> both = new HashMap<>();
    for (Map.Entry<String, String> e : gold.entrySet()) {
      String p = predicted.get(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException("no prediction for " + e.getKey());
      }
      goldSize.merge(e.getValue(), 1, Integer::sum);
      predSize.merge(p, 1, Integer::sum);
      both.merge(e.getValue() + "\u0000" + p, 1, Integer::sum);
    }
    double bp = 0;
    double br = 0;
    for (Map.Entry<String, String> e : gold.entrySet()) {
      String p = predicted.get(e.getKey());
      int inter = both.get(e.getValue() + "\u0000" + p);
      bp += (double) inter / predSize.get(p);
      br += (double) inter / goldSize.get(e.getValue());
    }
    int n = gold.size();
    double truePairs = 0;
    for (int c : both.values()) {
      truePairs += c * (c - 1) / 2.0;
    }
    double predPairs = 0;
    for (int c : predSize.values()) {
      predPairs += c * (c - 1) / 2.0;
    }
    double goldPairs = 0;
    for (int c : goldSize.values()) {
      goldPairs += c * (c - 1) / 2.0;
    }
    return new ClusterMetrics(bp / n, br / n, predPairs == 0 ? 1 : truePairs / predPairs,
        goldPairs == 0 ? 1 : truePairs / goldPairs);
  }

  @Override
  public String toString() {
    return String.format("B3 P=%.4f R=%.4f F1=%.4f | pairwise P=%.4f R=%.4f F1=%.4f", bcubedPrecision, bcubedRecall,
        bcubedF1(), pairPrecision, pairRecall, pairF1());
  }
}
