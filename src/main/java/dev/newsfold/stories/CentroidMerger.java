package dev.newsfold.stories;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Second clustering level: merges whole clusters whose TF-IDF centroids are similar. One headline says little, but
 * the centroid of a dozen headlines about one event names it well, so clusters the pairwise edges left apart (pairs
 * of rewrites sharing few words) join here, while the averaging keeps one odd article from pulling two stories
 * together. Candidate cluster pairs come from an inverted index over each centroid's top terms, with postings capped
 * like the article blocks, so the cost stays linear in the number of clusters.
 */
public final class CentroidMerger implements Serializable {
  private final double threshold;
  private final int centroidTerms;
  private final int indexTerms;
  private final int maxPostings;
  private final int dateWindowDays;
  private final int rounds;
  private final int maxMoveSize;
  // As for article pairs: centroids must share at least two terms, so one common country or company never suffices.
  private final int minShared = 2;
  // Absorption (see absorb): off when absorbCoverage <= 0.
  private final double absorbCoverage;
  private final double absorbMargin;
  private final int absorbRounds;
  private final int absorbMaxSize;
  private final int maxShortTerms;
  // Fragment merging (see the 16-argument constructor): off when fragmentThreshold <= 0.
  private final double fragmentThreshold;
  private final double fragmentMargin;
  private final double fragmentRatio;
  private final int fragmentRounds;
  // Signature terms (see withSignatureTerms): off when signatureOwnership <= 0.
  private double signatureOwnership;
  private double signatureCentrality;
  private int signatureShortTerms;

  /**
   * @param threshold centroid cosine at or above which two clusters merge
   * @param centroidTerms terms kept in each centroid
   * @param indexTerms heaviest centroid terms used to find candidate clusters
   * @param maxPostings cap on a posting list compared pairwise (split into windows beyond)
   * @param dateWindowDays clusters whose date ranges lie further apart never merge
   * @param rounds merge rounds (centroids are recomputed between rounds)
   * @param maxMoveSize only clusters up to this size move into another: stray articles join a story, but two
   *     formed stories (two incidents of one kind, say) are never welded on their centroids alone
   */
  public CentroidMerger(double threshold, int centroidTerms, int indexTerms, int maxPostings, int dateWindowDays,
      int rounds, int maxMoveSize) {
    this(threshold, centroidTerms, indexTerms, maxPostings, dateWindowDays, rounds, maxMoveSize, 0, 0, 0, 0, 0);
  }

  /**
   * As above, then {@code absorbRounds} rounds of absorption: a cluster of short texts (at most
   * {@code absorbMaxSize} articles averaging at most {@code maxShortTerms} vector terms, i.e. headlines) joins the
   * larger cluster (more than {@code absorbMaxSize} articles) whose centroid covers the largest share of its TF-IDF mass, when that share is at
   * least {@code absorbCoverage}, at least two of its terms are covered, and the runner-up covers at least
   * {@code absorbMargin} less. Cosine penalises a broad centroid (a story of 100 headlines spreads its weight over
   * 100 terms, so it scores low against any one headline); containment does not, and the margin keeps a headline
   * that fits two stories of the same kind where it is.
   */
  public CentroidMerger(double threshold, int centroidTerms, int indexTerms, int maxPostings, int dateWindowDays,
      int rounds, int maxMoveSize, double absorbCoverage, double absorbMargin, int absorbRounds, int absorbMaxSize,
      int maxShortTerms) {
    this(threshold, centroidTerms, indexTerms, maxPostings, dateWindowDays, rounds, maxMoveSize, absorbCoverage,
        absorbMargin, absorbRounds, absorbMaxSize, maxShortTerms, 0, 0, 0, 0);
  }

  /**
   * As above, then {@code fragmentRounds} rounds of fragment merging among clusters of short texts (at most
   * {@code maxShortTerms} vector terms an article on average: headlines): such a cluster of any size joins the one at
   * least {@code fragmentRatio} times its size whose centroid has the highest cosine with its own, when that cosine
   * is at least {@code fragmentThreshold} (two shared centroid terms at least) and the runner-up's is at least
   * {@code fragmentMargin} lower. Headline stories break into sub-event fragments ("reviews", "install size",
   * "servers down") that share only the story's one or two names with its big cluster: too few for the pairwise
   * guard, and too many headlines for absorption; the centroid of a dozen such headlines still points at its story.
   * Full-text clusters take no part: two incidents of one kind (two earthquakes) have similar centroids too, and
   * their many terms would make every posting long. A cluster that moves in a round takes no fragment that round (it
   * waits for the next), so the moves of a round are independent.
   */
  public CentroidMerger(double threshold, int centroidTerms, int indexTerms, int maxPostings, int dateWindowDays,
      int rounds, int maxMoveSize, double absorbCoverage, double absorbMargin, int absorbRounds, int absorbMaxSize,
      int maxShortTerms, double fragmentThreshold, double fragmentMargin, double fragmentRatio, int fragmentRounds) {
    this.fragmentThreshold = fragmentThreshold;
    this.fragmentMargin = fragmentMargin;
    this.fragmentRatio = fragmentRatio;
    this.fragmentRounds = fragmentThreshold > 0 ? fragmentRounds : 0;
    this.absorbMaxSize = absorbMaxSize;
    this.absorbCoverage = absorbCoverage;
    this.absorbMargin = absorbMargin;
    this.absorbRounds = absorbCoverage > 0 ? absorbRounds : 0;
    this.maxShortTerms = maxShortTerms;
    this.maxMoveSize = maxMoveSize;
    this.threshold = threshold;
    this.centroidTerms = centroidTerms;
    this.indexTerms = indexTerms;
    this.maxPostings = maxPostings;
    this.dateWindowDays = dateWindowDays;
    this.rounds = rounds;
  }

  /**
   * This merger, then one round of signature terms among clusters of titles (at most {@code shortTerms} vector terms
   * an article on average): a term's <em>owner</em> is the cluster of more than absorbMaxSize articles that holds it
   * in at least {@code ownership} of all the articles of such clusters holding it, and in at least
   * {@code centrality} of its own articles ("titanfall" in the Titanfall launch story). A cluster of at most
   * absorbMaxSize titles joins the owner of its terms when all its owned terms have that one owner and the dates lie
   * within the window. Absorption needs two covered terms, and a headline often shares only the story's name with it
   * ("Titanfall reviewed", "Twitter is down"); one term is enough only when the story all but owns it. Ownership
   * 0 or less turns it off. Titles only: full texts share their event-type words with the paired incident.
   */
  public CentroidMerger withSignatureTerms(double ownership, double centrality, int shortTerms) {
    if (ownership > 0 && ownership <= 0.5) {
      throw new IllegalArgumentException("signature ownership must be above 0.5 (one owner a term), got " + ownership);
    }
    CentroidMerger c = new CentroidMerger(threshold, centroidTerms, indexTerms, maxPostings, dateWindowDays, rounds,
        maxMoveSize, absorbCoverage, absorbMargin, absorbRounds, absorbMaxSize, maxShortTerms, fragmentThreshold,
        fragmentMargin, fragmentRatio, fragmentRounds);
    c.signatureOwnership = ownership;
    c.signatureCentrality = centrality;
    c.signatureShortTerms = shortTerms;
    return c;
  }

  static final class Centroid {
    final int cluster;
    String label; // the cluster's smallest article id, when merging runs distributed (CentroidRounds)
    int size;
    long[] terms;
    double[] weights;
    int[] support; // members holding each kept term: filled by countSupport, not sent between workers
    int memberTerms; // summed vector lengths of the members: tells headlines from articles
    int minDate = Integer.MAX_VALUE;
    int maxDate = Integer.MIN_VALUE;

    Centroid(int cluster) {
      this.cluster = cluster;
    }

    double cosine(Centroid o, int minShared) {
      int i = 0;
      int j = 0;
      double dot = 0;
      int shared = 0;
      while (i < terms.length && j < o.terms.length) {
        if (terms[i] == o.terms[j]) {
          shared++;
          dot += weights[i++] * o.weights[j++];
        } else if (terms[i] < o.terms[j]) {
          i++;
        } else {
          j++;
        }
      }
      return shared >= minShared ? dot : 0;
    }

    /**
     * Share of this centroid's weight on terms that {@code big}'s centroid holds, 0 unless at least
     * {@code minShared} terms are covered. Containment, not cosine: how much of {@code big} lies elsewhere is
     * irrelevant.
     */
    double coveredBy(Centroid big, int minShared) {
      int i = 0;
      int j = 0;
      double covered = 0;
      double total = 0;
      int shared = 0;
      while (i < terms.length) {
        while (j < big.terms.length && big.terms[j] < terms[i]) {
          j++;
        }
        total += weights[i];
        if (j < big.terms.length && big.terms[j] == terms[i]) {
          shared++;
          covered += weights[i];
        }
        i++;
      }
      return shared >= minShared && total > 0 ? covered / total : 0;
    }

    double weightOf(long term) {
      int k = Arrays.binarySearch(terms, term);
      return k >= 0 ? weights[k] : 0;
    }
  }

  /** Absorption moves clusters of headlines (movers) into larger clusters (targets); others take no part. */
  boolean isMover(Centroid c) {
    return c.size <= absorbMaxSize && c.memberTerms <= (long) maxShortTerms * c.size;
  }

  boolean isTarget(Centroid c) {
    return c.size > absorbMaxSize;
  }

  /** A cluster of headlines: at most maxShortTerms vector terms an article on average. */
  boolean isShort(Centroid c) {
    return isShort(c.memberTerms, c.size);
  }

  boolean isShort(long memberTerms, int size) {
    return memberTerms <= (long) maxShortTerms * size;
  }

  /** Clusters taking part in fragment merging, as fragments or as targets: clusters of headlines. */
  boolean inFragmentMerge(Centroid c) {
    return isShort(c);
  }

  /**
   * Whether fragment {@code mv} may join {@code big}: both clusters of headlines, {@code big} at least fragmentRatio
   * times the size, dates within the window.
   */
  boolean mayJoin(Centroid mv, Centroid big) {
    return !mv.label.equals(big.label) && isShort(mv) && isShort(big) && big.size >= fragmentRatio * mv.size
        && datesOverlap(mv, big, dateWindowDays);
  }

  /**
   * The clusters of one term's posting that fragments are compared with: at most {@code maxPostings}, the largest
   * (ties by label). Large clusters are the ones fragments join, and their centroids spread each term's weight thin,
   * so ranking by weight (as absorption does) would keep the singletons.
   */
  static List<Centroid> largestTargets(List<Centroid> posting, int maxPostings) {
    List<Centroid> t = new ArrayList<>(posting);
    t.sort((x, y) -> x.size != y.size ? Integer.compare(y.size, x.size) : x.label.compareTo(y.label));
    return t.size() > maxPostings ? new ArrayList<>(t.subList(0, maxPostings)) : t;
  }

  /** The target a fragment joins given all its scored candidates (label -> centroid cosine), or null. */
  String bestFragmentTarget(Map<String, Double> scores) {
    return best(scores, fragmentThreshold, fragmentMargin);
  }

  /**
   * The targets of one term's posting that movers are compared with: at most {@code maxPostings}, the ones
   * weighing the term most (ties by label), so a common term costs at most maxPostings comparisons per mover.
   */
  static List<Centroid> cappedTargets(List<Centroid> targets, long term, int maxPostings) {
    List<Centroid> t = new ArrayList<>(targets);
    t.sort((x, y) -> {
      int c = Double.compare(y.weightOf(term), x.weightOf(term));
      return c != 0 ? c : x.label.compareTo(y.label);
    });
    return t.size() > maxPostings ? new ArrayList<>(t.subList(0, maxPostings)) : t;
  }

  /**
   * The best absorption of one mover given all its scored candidates (target label -> coverage), or null: the best
   * must reach the coverage floor and beat the runner-up by the margin. Ties by label.
   */
  String bestTarget(Map<String, Double> scores) {
    return best(scores, absorbCoverage, absorbMargin);
  }

  /** The best-scoring label when it reaches {@code floor} and beats the runner-up by {@code margin}; ties by label. */
  static String best(Map<String, Double> scores, double floor, double margin) {
    String best = null;
    double b = 0;
    double second = 0;
    for (Map.Entry<String, Double> e : new TreeMap<>(scores).entrySet()) {
      double s = e.getValue();
      if (best == null || s > b) {
        second = Math.max(second, b);
        best = e.getKey();
        b = s;
      } else {
        second = Math.max(second, s);
      }
    }
    return best != null && b >= floor && b - second >= margin ? best : null;
  }

  /**
   * @param members article ids of each cluster (cluster index = list index)
   * @param features features by article id
   * @return for each input cluster, the index of the merged cluster it belongs to (a root index)
   */
  public int[] merge(List<List<String>> members, Map<String, StoryFeatures> features) {
    int n = members.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int round = 0; round < rounds; round++) {
      // Current groups of input clusters.
      TreeMap<Integer, List<Integer>> groups = groups(parent);
      List<Centroid> centroids = new ArrayList<>();
      for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
        centroids.add(centroid(g.getKey(), g.getValue(), members, features));
      }
      // Inverted index over each centroid's heaviest terms.
      Map<Long, List<Centroid>> index = new HashMap<>();
      for (Centroid c : centroids) {
        for (long t : topTerms(c)) {
          index.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
        }
      }
      List<double[]> candidates = new ArrayList<>();
      java.util.Set<Long> seen = new java.util.HashSet<>();
      for (List<Centroid> posting : index.values()) {
        for (int[] w : Blocks.windows(posting.size(), maxPostings)) {
          for (int i = w[0]; i < w[1]; i++) {
            for (int j = i + 1; j < w[1]; j++) {
              Centroid a = posting.get(i);
              Centroid b = posting.get(j);
              long key = ((long) Math.min(a.cluster, b.cluster) << 32) | Math.max(a.cluster, b.cluster);
              if (!seen.add(key) || !datesOverlap(a, b)) {
                continue;
              }
              double s = a.cosine(b, minShared);
              if (s >= threshold && Math.min(a.size, b.size) <= maxMoveSize) {
                // [score, smaller cluster (moves), larger cluster (absorbs); size ties by index]
                boolean aSmaller = a.size < b.size || (a.size == b.size && a.cluster > b.cluster);
                candidates.add(new double[] {s, aSmaller ? a.cluster : b.cluster, aSmaller ? b.cluster : a.cluster});
              }
            }
          }
        }
      }
      if (candidates.isEmpty()) {
        break;
      }
      // Strongest first. A cluster that moved this round neither moves again nor absorbs, and a cluster that absorbed
      // does not move: every decision is taken against a centroid that is still (nearly) what was scored.
      candidates.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0])
          : x[1] != y[1] ? Double.compare(x[1], y[1]) : Double.compare(x[2], y[2]));
      boolean[] moved = new boolean[n];
      boolean[] absorbed = new boolean[n];
      for (double[] c : candidates) {
        int small = (int) c[1];
        int big = (int) c[2];
        if (moved[small] || absorbed[small] || moved[big]) {
          continue;
        }
        moved[small] = true;
        absorbed[big] = true;
        parent[small] = big;
      }
    }
    for (int round = 0; round < absorbRounds; round++) {
      TreeMap<Integer, List<Integer>> groups = groups(parent);
      List<Centroid> movers = new ArrayList<>();
      Map<Long, List<Centroid>> targetIndex = new HashMap<>();
      for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
        Centroid c = centroid(g.getKey(), g.getValue(), members, features);
        if (isMover(c)) {
          movers.add(c);
        } else if (isTarget(c)) {
          for (long t : c.terms) {
            targetIndex.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
          }
        }
      }
      Map<Long, List<Centroid>> capped = new HashMap<>();
      Map<String, Integer> clusterOfLabel = new HashMap<>();
      boolean any = false;
      for (Centroid mv : movers) {
        Map<String, Double> scores = new HashMap<>();
        for (long t : mv.terms) {
          List<Centroid> posting = targetIndex.get(t);
          if (posting == null) {
            continue;
          }
          for (Centroid big : capped.computeIfAbsent(t, k -> cappedTargets(posting, k, maxPostings))) {
            if (!scores.containsKey(big.label) && datesOverlap(mv, big)) {
              scores.put(big.label, mv.coveredBy(big, minShared));
              clusterOfLabel.put(big.label, big.cluster);
            }
          }
        }
        String to = bestTarget(scores);
        if (to != null) {
          // Targets never move and movers never absorb in a round: the moves are independent.
          parent[mv.cluster] = clusterOfLabel.get(to);
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    for (int round = 0; round < fragmentRounds; round++) {
      if (!mergeFragments(parent, members, features)) {
        break;
      }
    }
    if (signatureRounds() > 0) {
      attachBySignature(parent, members, features);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = StoryClusterer.find(parent, i);
    }
    return out;
  }

  /** The current clusters: each root with its members, roots in order (so a round visits them the same way each run). */
  private static TreeMap<Integer, List<Integer>> groups(int[] parent) {
    TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < parent.length; i++) {
      groups.computeIfAbsent(StoryClusterer.find(parent, i), k -> new ArrayList<>()).add(i);
    }
    return groups;
  }

  /** A cluster's entry in one term's posting for signature terms: who holds the term, and in how many articles. */
  static final class Holder {
    final String label;
    final int cluster;
    final int size;
    final int support;
    final int minDate;
    final int maxDate;

    Holder(String label, int cluster, int size, int support, int minDate, int maxDate) {
      this.label = label;
      this.cluster = cluster;
      this.size = size;
      this.support = support;
      this.minDate = minDate;
      this.maxDate = maxDate;
    }

    static Holder of(Centroid c, int termIndex) {
      return new Holder(c.label, c.cluster, c.size, c.support[termIndex], c.minDate, c.maxDate);
    }
  }

  int signatureRounds() {
    return signatureOwnership > 0 && maxShortTerms > 0 ? 1 : 0;
  }

  /** Clusters taking part in signature terms: clusters of titles (short clusters, and at most signatureShortTerms). */
  boolean inSignatureTerms(Centroid c) {
    return isShort(c) && c.memberTerms <= (long) signatureShortTerms * c.size;
  }

  /**
   * The owner of one term among all its holders, or null: the holder of more than absorbMaxSize articles that holds
   * the term in at least signatureOwnership of the holders' articles and in at least signatureCentrality of its own.
   * With ownership above one half at most one holder can qualify, so the order of the posting does not matter.
   */
  Holder owner(List<Holder> posting) {
    long total = 0;
    for (Holder h : posting) {
      total += h.support;
    }
    for (Holder h : posting) {
      if (h.size > absorbMaxSize && h.support >= signatureOwnership * total
          && h.support >= signatureCentrality * h.size) {
        return h;
      }
    }
    return null;
  }

  /** The movers of one posting that its owner would take: clusters of at most absorbMaxSize titles, dates in window. */
  List<Holder> moversTo(Holder owner, List<Holder> posting) {
    List<Holder> out = new ArrayList<>();
    for (Holder h : posting) {
      if (h != owner && h.size <= absorbMaxSize && datesOverlap(h.minDate, h.maxDate, owner.minDate, owner.maxDate,
          dateWindowDays)) {
        out.add(h);
      }
    }
    return out;
  }

  /** One round of signature terms (see {@link #withSignatureTerms}). Owners never move, so the moves are independent. */
  private void attachBySignature(int[] parent, List<List<String>> members, Map<String, StoryFeatures> features) {
    TreeMap<Long, List<Holder>> postings = new TreeMap<>();
    for (Map.Entry<Integer, List<Integer>> g : groups(parent).entrySet()) {
      Centroid c = centroid(g.getKey(), g.getValue(), members, features, true);
      if (inSignatureTerms(c)) {
        for (int i = 0; i < c.terms.length; i++) {
          postings.computeIfAbsent(c.terms[i], k -> new ArrayList<>()).add(Holder.of(c, i));
        }
      }
    }
    TreeMap<Integer, java.util.Set<Integer>> owners = new TreeMap<>();
    for (List<Holder> posting : postings.values()) {
      Holder o = owner(posting);
      if (o != null) {
        for (Holder mv : moversTo(o, posting)) {
          owners.computeIfAbsent(mv.cluster, k -> new java.util.TreeSet<>()).add(o.cluster);
        }
      }
    }
    owners.forEach((mover, to) -> {
      if (to.size() == 1) {
        parent[mover] = to.iterator().next();
      }
    });
  }

  /** One round of fragment merging (see the 16-argument constructor); false when nothing moved. */
  private boolean mergeFragments(int[] parent, List<List<String>> members, Map<String, StoryFeatures> features) {
    TreeMap<Integer, List<Integer>> groups = groups(parent);
    List<Centroid> centroids = new ArrayList<>();
    Map<Long, List<Centroid>> index = new HashMap<>();
    for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
      Centroid c = centroid(g.getKey(), g.getValue(), members, features);
      if (inFragmentMerge(c)) {
        centroids.add(c);
        for (long t : c.terms) {
          index.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
        }
      }
    }
    Map<Long, List<Centroid>> capped = new HashMap<>();
    Map<String, Integer> clusterOfLabel = new HashMap<>();
    TreeMap<Integer, Integer> choice = new TreeMap<>();
    for (Centroid mv : centroids) {
      if (!isShort(mv)) {
        continue;
      }
      Map<String, Double> scores = new HashMap<>();
      for (long t : mv.terms) {
        for (Centroid big : capped.computeIfAbsent(t, k -> largestTargets(index.get(k), maxPostings))) {
          if (!scores.containsKey(big.label) && mayJoin(mv, big)) {
            scores.put(big.label, mv.cosine(big, minShared));
            clusterOfLabel.put(big.label, big.cluster);
          }
        }
      }
      String to = bestFragmentTarget(scores);
      if (to != null) {
        choice.put(mv.cluster, clusterOfLabel.get(to));
      }
    }
    boolean any = false;
    for (Map.Entry<Integer, Integer> e : choice.entrySet()) {
      // A cluster that moves takes no fragment this round.
      if (!choice.containsKey(e.getValue())) {
        parent[e.getKey()] = e.getValue();
        any = true;
      }
    }
    return any;
  }

  private boolean datesOverlap(Centroid a, Centroid b) {
    return datesOverlap(a, b, dateWindowDays);
  }

  static boolean datesOverlap(Centroid a, Centroid b, int dateWindowDays) {
    return datesOverlap(a.minDate, a.maxDate, b.minDate, b.maxDate, dateWindowDays);
  }

  static boolean datesOverlap(int aMin, int aMax, int bMin, int bMax, int dateWindowDays) {
    if (aMin == Integer.MAX_VALUE || bMin == Integer.MAX_VALUE) {
      return true;
    }
    long gap = Math.max((long) aMin - bMax, (long) bMin - aMax);
    return gap <= dateWindowDays;
  }

  private long[] topTerms(Centroid c) {
    return topTerms(c, indexTerms);
  }

  static long[] topTerms(Centroid c, int indexTerms) {
    Integer[] order = new Integer[c.terms.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> {
      int cmp = Double.compare(c.weights[y], c.weights[x]);
      return cmp != 0 ? cmp : Long.compare(c.terms[x], c.terms[y]);
    });
    long[] out = new long[Math.min(indexTerms, order.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.terms[order[i]];
    }
    return out;
  }

  private Centroid centroid(int id, List<Integer> clusters, List<List<String>> members,
      Map<String, StoryFeatures> features) {
    return centroid(id, clusters, members, features, false);
  }

  private Centroid centroid(int id, List<Integer> clusters, List<List<String>> members,
      Map<String, StoryFeatures> features, boolean support) {
    Centroid c = new Centroid(id);
    List<StoryFeatures> feats = new ArrayList<>();
    for (int k : clusters) {
      for (String a : members.get(k)) {
        c.label = c.label == null || a.compareTo(c.label) < 0 ? a : c.label;
        c.size++;
        StoryFeatures f = features.get(a);
        if (f != null) {
          feats.add(f);
        }
      }
    }
    // Summation order fixed (as in CentroidRounds), so weights never depend on the members' order.
    feats.sort(java.util.Comparator.comparing(f -> f.articleId));
    fill(c, feats, centroidTerms);
    if (support) {
      countSupport(c, feats);
    }
    return c;
  }

  /** Sums the members' TF-IDF vectors, keeps the heaviest {@code centroidTerms}, normalised by the full sum's norm. */
  static void fill(Centroid c, Iterable<StoryFeatures> feats, int centroidTerms) {
    HashMap<Long, Double> sum = new HashMap<>();
    for (StoryFeatures f : feats) {
      c.memberTerms += f.terms.length;
      for (int i = 0; i < f.terms.length; i++) {
        sum.merge(f.terms[i], (double) f.weights[i], Double::sum);
      }
      if (f.date != StoryFeatures.NO_DATE) {
        c.minDate = Math.min(c.minDate, f.date);
        c.maxDate = Math.max(c.maxDate, f.date);
      }
    }
    List<Map.Entry<Long, Double>> entries = new ArrayList<>(sum.entrySet());
    entries.sort((x, y) -> {
      int cmp = Double.compare(y.getValue(), x.getValue());
      return cmp != 0 ? cmp : Long.compare(x.getKey(), y.getKey());
    });
    int m = Math.min(centroidTerms, entries.size());
    double norm = 0;
    for (Map.Entry<Long, Double> e : entries) {
      norm += e.getValue() * e.getValue();
    }
    norm = Math.sqrt(norm);
    List<Map.Entry<Long, Double>> kept = new ArrayList<>(entries.subList(0, m));
    kept.sort(Map.Entry.comparingByKey());
    c.terms = new long[m];
    c.weights = new double[m];
    for (int i = 0; i < m; i++) {
      c.terms[i] = kept.get(i).getKey();
      c.weights[i] = norm == 0 ? 0 : kept.get(i).getValue() / norm;
    }
  }

  /** Fills {@code c.support}: how many of the members hold each kept term. Only signature terms need it. */
  static void countSupport(Centroid c, Iterable<StoryFeatures> feats) {
    c.support = new int[c.terms.length];
    for (StoryFeatures f : feats) {
      for (long t : f.terms) {
        int k = Arrays.binarySearch(c.terms, t);
        if (k >= 0) {
          c.support[k]++;
        }
      }
    }
  }

  double threshold() {
    return threshold;
  }

  int centroidTerms() {
    return centroidTerms;
  }

  int indexTerms() {
    return indexTerms;
  }

  int maxPostings() {
    return maxPostings;
  }

  int dateWindowDays() {
    return dateWindowDays;
  }

  int rounds() {
    return rounds;
  }

  int maxMoveSize() {
    return maxMoveSize;
  }

  int minShared() {
    return minShared;
  }

  double absorbCoverage() {
    return absorbCoverage;
  }

  double absorbMargin() {
    return absorbMargin;
  }

  int absorbRounds() {
    return absorbRounds;
  }

  int absorbMaxSize() {
    return absorbMaxSize;
  }

  int maxShortTerms() {
    return maxShortTerms;
  }

  int fragmentRounds() {
    return fragmentRounds;
  }
}
