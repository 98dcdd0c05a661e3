package dev.newsfold.entities;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Entity-level precision/recall/F1 with exact span and type match, as conlleval counts them. */
final class NerScore {
  private final int[] tp = new int[NerFeatures.TYPES.length];
  private final int[] predicted = new int[NerFeatures.TYPES.length];
  private final int[] gold = new int[NerFeatures.TYPES.length];

  void add(List<int[]> goldSpans, List<int[]> predSpans) {
    Set<String> g = new HashSet<>();
    for (int[] s : goldSpans) {
      g.add(s[0] + ":" + s[1] + ":" + s[2]);
      gold[s[2]]++;
    }
    for (int[] s : predSpans) {
      predicted[s[2]]++;
      if (g.contains(s[0] + ":" + s[1] + ":" + s[2])) {
        tp[s[2]]++;
      }
    }
  }

  private static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static double div(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  double overallF1() {
    int t = 0, p = 0, g = 0;
    for (int i = 0; i < tp.length; i++) {
      t += tp[i];
      p += predicted[i];
      g += gold[i];
    }
    return f1(div(t, p), div(t, g));
  }

  String report() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %7s %7s %7s %6s %6s%n", "type", "P", "R",
        "F1", "gold", "pred"));
    int t = 0, p = 0, g = 0;
    for (int i = 0; i < tp.length; i++) {
      double pr = div(tp[i], predicted[i]);
      double re = div(tp[i], gold[i]);
      sb.append(String.format(Locale.ROOT, "%-8s %7.4f %7.4f %7.4f %6d %6d%n", NerFeatures.TYPES[i], pr, re,
          f1(pr, re), gold[i], predicted[i]));
      t += tp[i];
      p += predicted[i];
      g += gold[i];
    }
    double pr = div(t, p);
    double re = div(t, g);
    sb.append(String.format(Locale.ROOT, "%-8s %7.4f %7.4f %7.4f %6d %6d%n", "overall", pr, re, f1(pr, re), g, p));
    return sb.toString();
  }
}
