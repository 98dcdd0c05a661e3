package dev.newsfold.stories;

import dev.newsfold.OnePassCoGroupByKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The centroid level of {@link CentroidMerger}, distributed: input is every article's features keyed by its
 * cluster label (the cluster's smallest article id), output the same keyed by the merged cluster's label. No step
 * holds more than one cluster, one posting window or one cluster's candidate moves.
 *
 * <p>Each round: centroids per cluster (grouped by label on shards); postings over each centroid's top terms
 * (grouped by term, windows as in {@link Blocks}) give candidate moves "small cluster -> larger cluster"; then the
 * greedy of {@link CentroidMerger#merge} (strongest first; a cluster that moved neither moves again nor absorbs, a
 * cluster that absorbed does not move) is taken in its local form: a move is made when it is the strongest of all
 * moves it would block (the mover's other moves, moves into the mover, moves out of the target). These moves are
 * exactly the ones the sequential greedy takes first; moves they merely outrank wait for the next round, where the
 * centroids are recomputed anyway. Counted in {@code stories/centroidMoves} and {@code stories/centroidMovesDeferred}.
 */
public class CentroidRounds
    extends PTransform<PCollection<KV<String, StoryFeatures>>, PCollection<KV<String, StoryFeatures>>> {
  private final CentroidMerger m;
  private final int rounds;
  private final int shards;

  CentroidRounds(CentroidMerger merger, int rounds, int shards) {
    this.m = merger;
    this.rounds = rounds;
    this.shards = shards;
  }

  /** A candidate move of cluster {@code small} into cluster {@code big}. */
  static final class Move {
    final double score;
    final String small;
    final String big;

    Move(double score, String small, String big) {
      this.score = score;
      this.small = small;
      this.big = big;
    }

    /** The sequential greedy's order: strongest first, then by mover, then by target. */
    static final Comparator<Move> ORDER = Comparator.<Move>comparingDouble(x -> -x.score)
        .thenComparing(x -> x.small).thenComparing(x -> x.big);

    @Override
    public boolean equals(Object o) {
      return o instanceof Move && ((Move) o).score == score && ((Move) o).small.equals(small)
          && ((Move) o).big.equals(big);
    }

    @Override
    public int hashCode() {
      return small.hashCode() * 31 + big.hashCode();
    }

    static final class Coder extends AtomicCoder<Move> {
      @Override
      public void encode(Move x, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeDouble(x.score);
        out.writeUTF(x.small);
        out.writeUTF(x.big);
        out.flush();
      }

      @Override
      public Move decode(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        return new Move(in.readDouble(), in.readUTF(), in.readUTF());
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  static final class CentroidCoder extends AtomicCoder<CentroidMerger.Centroid> {
    @Override
    public void encode(CentroidMerger.Centroid c, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(c.label);
      out.writeInt(c.size);
      out.writeInt(c.memberTerms);
      out.writeInt(c.minDate);
      out.writeInt(c.maxDate);
      out.writeInt(c.terms.length);
      for (int i = 0; i < c.terms.length; i++) {
        out.writeLong(c.terms[i]);
        out.writeDouble(c.weights[i]);
      }
      out.flush();
    }

    @Override
    public CentroidMerger.Centroid decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      CentroidMerger.Centroid c = new CentroidMerger.Centroid(0);
      c.label = in.readUTF();
      c.size = in.readInt();
      c.memberTerms = in.readInt();
      c.minDate = in.readInt();
      c.maxDate = in.readInt();
      int n = in.readInt();
      c.terms = new long[n];
      c.weights = new double[n];
      for (int i = 0; i < n; i++) {
        c.terms[i] = in.readLong();
        c.weights[i] = in.readDouble();
      }
      return c;
    }

    @Override
    public void verifyDeterministic() {}
  }

  static final class HolderCoder extends AtomicCoder<CentroidMerger.Holder> {
    @Override
    public void encode(CentroidMerger.Holder h, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(h.label);
      out.writeInt(h.size);
      out.writeInt(h.support);
      out.writeInt(h.minDate);
      out.writeInt(h.maxDate);
      out.flush();
    }

    @Override
    public CentroidMerger.Holder decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      return new CentroidMerger.Holder(in.readUTF(), 0, in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    @Override
    public void verifyDeterministic() {}
  }

  static final KvCoder<String, StoryFeatures> MEMBER =
      KvCoder.of(StringUtf8Coder.of(), StoryFeatures.Coder.of());

  @Override
  public PCollection<KV<String, StoryFeatures>> expand(PCollection<KV<String, StoryFeatures>> members) {
    for (int r = 0; r < rounds; r++) {
      members = round(members, "CentroidRound" + r);
    }
    for (int r = 0; r < m.absorbRounds(); r++) {
      members = absorbRound(members, "AbsorbRound" + r);
    }
    if (m.fragmentRounds() == 0 && m.signatureRounds() == 0) {
      return members;
    }
    // Fragment merging and signature terms move clusters of headlines into clusters of headlines only, and a merge
    // of two such clusters is one too: clusters of full texts cannot change from here on, so they skip the rounds
    // (each round groups all its members twice).
    PCollectionTuple split = JoinStories.groupByShard("SplitHeadlineClusters/ByCluster", members,
        StoryFeatures.Coder.of(), shards)
        .apply("SplitHeadlineClusters/Split", ParDo.of(new SplitHeadlineClusters(m))
            .withOutputTags(HEADLINE_CLUSTERS, TupleTagList.of(OTHER_CLUSTERS)));
    PCollection<KV<String, StoryFeatures>> headlines = split.get(HEADLINE_CLUSTERS).setCoder(MEMBER);
    for (int r = 0; r < m.fragmentRounds(); r++) {
      headlines = fragmentRound(headlines, "FragmentRound" + r);
    }
    for (int r = 0; r < m.signatureRounds(); r++) {
      headlines = signatureRound(headlines, "SignatureRound" + r);
    }
    return PCollectionList.of(split.get(OTHER_CLUSTERS).setCoder(MEMBER)).and(headlines)
        .apply("JoinHeadlineClusters", Flatten.pCollections());
  }

  static final TupleTag<KV<String, StoryFeatures>> HEADLINE_CLUSTERS = new TupleTag<>() {};
  static final TupleTag<KV<String, StoryFeatures>> OTHER_CLUSTERS = new TupleTag<>() {};

  /** Members of clusters of headlines (CentroidMerger#isShort) to the main output, the others to OTHER_CLUSTERS. */
  static final class SplitHeadlineClusters
      extends DoFn<KV<Integer, Iterable<KV<String, StoryFeatures>>>, KV<String, StoryFeatures>> {
    private final CentroidMerger mg;

    SplitHeadlineClusters(CentroidMerger mg) {
      this.mg = mg;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, StoryFeatures>>> s, MultiOutputReceiver out) {
      for (Map.Entry<String, List<StoryFeatures>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
        int memberTerms = 0;
        for (StoryFeatures f : cl.getValue()) {
          memberTerms += f.terms.length;
        }
        TupleTag<KV<String, StoryFeatures>> to = mg.isShort(memberTerms, cl.getValue().size())
            ? HEADLINE_CLUSTERS : OTHER_CLUSTERS;
        for (StoryFeatures f : cl.getValue()) {
          out.get(to).output(KV.of(cl.getKey(), f));
        }
      }
    }
  }

  /** Centroid of one cluster's features, summed in article id order so weights never depend on arrival order. */
  static CentroidMerger.Centroid centroid(String label, List<StoryFeatures> feats, int centroidTerms) {
    feats.sort(Comparator.comparing(f -> f.articleId));
    CentroidMerger.Centroid c = new CentroidMerger.Centroid(0);
    c.label = label;
    c.size = feats.size();
    CentroidMerger.fill(c, feats, centroidTerms);
    return c;
  }

  /**
   * The centroid of each cluster, sent to one posting per term: for absorption every centroid term of movers and
   * targets (a headline's few terms must all meet their story), for merging the centroid's heaviest index terms,
   * for fragment merging every centroid term of the clusters taking part.
   */
  private PCollection<KV<String, CentroidMerger.Centroid>> postings(String name,
      PCollection<KV<String, StoryFeatures>> members, boolean absorb) {
    return postings(name, members, absorb, false);
  }

  private PCollection<KV<String, CentroidMerger.Centroid>> postings(String name,
      PCollection<KV<String, StoryFeatures>> members, boolean absorb, boolean fragments) {
    final CentroidMerger mg = m;
    return JoinStories.groupByShard(name + "/ByCluster", members, StoryFeatures.Coder.of(), shards)
        .apply(name + "/Centroids", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, StoryFeatures>>>, KV<String, CentroidMerger.Centroid>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, StoryFeatures>>> s,
                  OutputReceiver<KV<String, CentroidMerger.Centroid>> out) {
                for (Map.Entry<String, List<StoryFeatures>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
                  CentroidMerger.Centroid c = centroid(cl.getKey(), cl.getValue(), mg.centroidTerms());
                  long[] terms = fragments ? (mg.inFragmentMerge(c) ? c.terms : new long[0])
                      : !absorb ? CentroidMerger.topTerms(c, mg.indexTerms())
                      : mg.isMover(c) || mg.isTarget(c) ? c.terms : new long[0];
                  for (long t : terms) {
                    out.output(KV.of(Long.toHexString(t), c));
                  }
                }
              }
            })).setCoder(KvCoder.of(StringUtf8Coder.of(), new CentroidCoder()));
  }

  /**
   * One round of absorption ({@link CentroidMerger}'s second phase): movers (clusters of headlines) and targets
   * (larger clusters) meet in postings over all their centroid terms, targets capped per posting; each mover takes
   * its best target when it clears the coverage floor and the margin. Movers never absorb and targets never move,
   * so every accepted move is independent of the others and the result equals the single-worker one.
   */
  private PCollection<KV<String, StoryFeatures>> absorbRound(PCollection<KV<String, StoryFeatures>> members,
      String name) {
    final CentroidMerger mg = m;
    final int n = shards;
    KvCoder<String, Move> moveCoder = KvCoder.of(StringUtf8Coder.of(), new Move.Coder());

    PCollection<KV<String, CentroidMerger.Centroid>> postings = postings(name, members, true);

    // Scored (mover, target) pairs, keyed by the mover; a pair sharing several terms is scored in each posting.
    PCollection<KV<String, Move>> candidates = JoinStories.groupByShard(name + "/ByTerm", postings,
        new CentroidCoder(), n)
        .apply(name + "/Candidates", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, CentroidMerger.Centroid>>>, KV<String, Move>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, CentroidMerger.Centroid>>> s,
                  OutputReceiver<KV<String, Move>> out) {
                for (Map.Entry<String, List<CentroidMerger.Centroid>> posting
                    : JoinStories.byKey(s.getValue()).entrySet()) {
                  long term = Long.parseUnsignedLong(posting.getKey(), 16);
                  List<CentroidMerger.Centroid> movers = new ArrayList<>();
                  List<CentroidMerger.Centroid> targets = new ArrayList<>();
                  for (CentroidMerger.Centroid c : posting.getValue()) {
                    (mg.isTarget(c) ? targets : movers).add(c);
                  }
                  if (movers.isEmpty() || targets.isEmpty()) {
                    continue;
                  }
                  List<CentroidMerger.Centroid> capped = CentroidMerger.cappedTargets(targets, term, mg.maxPostings());
                  for (CentroidMerger.Centroid mv : movers) {
                    for (CentroidMerger.Centroid big : capped) {
                      if (!CentroidMerger.datesOverlap(mv, big, mg.dateWindowDays())) {
                        continue;
                      }
                      double score = mv.coveredBy(big, mg.minShared());
                      if (score > 0) {
                        out.output(KV.of(mv.label, new Move(score, mv.label, big.label)));
                      }
                    }
                  }
                }
              }
            })).setCoder(moveCoder);

    // At each mover: its best target, if clear of the floor and the margin; sent to the target.
    PCollection<KV<String, Move>> chosen = JoinStories.groupByShard(name + "/MovesByMover", candidates,
        new Move.Coder(), n)
        .apply(name + "/Choose", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, Move>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s, OutputReceiver<KV<String, Move>> out) {
            for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
              Map<String, Double> scores = scoresByTarget(cl.getValue());
              String to = mg.bestTarget(scores);
              if (to != null) {
                out.output(KV.of(to, new Move(scores.get(to), cl.getKey(), to)));
              }
            }
          }
        })).setCoder(moveCoder);

    // At each target: every chosen mover joins; the merged label is the smallest.
    PCollection<KV<String, String>> relabels = JoinStories.groupByShard(name + "/MovesByTarget", chosen,
        new Move.Coder(), n)
        .apply(name + "/Absorb", ParDo.of(new JoinMoversAtTarget("absorbMoves"))).setCoder(ConnectedComponents.PAIR);
    return relabel(name, members, relabels);
  }

  /**
   * One round of fragment merging ({@link CentroidMerger}'s third phase): clusters taking part meet in postings over
   * all their centroid terms, each posting's largest clusters (capped) as targets; each headline cluster takes its
   * best target (cosine floor and margin) and tells itself it moves; a target that moves itself takes no fragment
   * this round (they wait for the next). So each cluster moves or absorbs, never both, and the result equals the
   * single-worker one.
   */
  private PCollection<KV<String, StoryFeatures>> fragmentRound(PCollection<KV<String, StoryFeatures>> members,
      String name) {
    final CentroidMerger mg = m;
    final int n = shards;
    KvCoder<String, Move> moveCoder = KvCoder.of(StringUtf8Coder.of(), new Move.Coder());

    PCollection<KV<String, CentroidMerger.Centroid>> postings = postings(name, members, false, true);

    // Scored (fragment, target) pairs, keyed by the fragment; a pair sharing several terms is scored in each posting.
    PCollection<KV<String, Move>> candidates = JoinStories.groupByShard(name + "/ByTerm", postings,
        new CentroidCoder(), n)
        .apply(name + "/Candidates", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, CentroidMerger.Centroid>>>, KV<String, Move>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, CentroidMerger.Centroid>>> s,
                  OutputReceiver<KV<String, Move>> out) {
                for (List<CentroidMerger.Centroid> posting : JoinStories.byKey(s.getValue()).values()) {
                  List<CentroidMerger.Centroid> targets = CentroidMerger.largestTargets(posting, mg.maxPostings());
                  for (CentroidMerger.Centroid mv : posting) {
                    if (!mg.isShort(mv)) {
                      continue;
                    }
                    for (CentroidMerger.Centroid big : targets) {
                      if (mg.mayJoin(mv, big)) {
                        out.output(KV.of(mv.label, new Move(mv.cosine(big, mg.minShared()), mv.label, big.label)));
                      }
                    }
                  }
                }
              }
            })).setCoder(moveCoder);

    // At each fragment: its best target, if clear of the floor and the margin; sent to the target and to itself.
    PCollection<KV<String, Move>> chosen = JoinStories.groupByShard(name + "/MovesByFragment", candidates,
        new Move.Coder(), n)
        .apply(name + "/Choose", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, Move>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s, OutputReceiver<KV<String, Move>> out) {
            for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
              Map<String, Double> scores = scoresByTarget(cl.getValue());
              String to = mg.bestFragmentTarget(scores);
              if (to != null) {
                Move mv = new Move(scores.get(to), cl.getKey(), to);
                out.output(KV.of(to, mv));
                out.output(KV.of(cl.getKey(), mv));
              }
            }
          }
        })).setCoder(moveCoder);

    // At each target that does not move itself: every chosen fragment joins; the merged label is the smallest.
    PCollection<KV<String, String>> relabels = JoinStories.groupByShard(name + "/MovesByTarget", chosen,
        new Move.Coder(), n)
        .apply(name + "/Join", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, String>>() {
          private final Counter moves = Metrics.counter(JoinStories.NS, "fragmentMoves");
          private final Counter deferred = Metrics.counter(JoinStories.NS, "fragmentMovesDeferred");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s,
              OutputReceiver<KV<String, String>> out) {
            for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
              String y = cl.getKey();
              boolean movesItself = false;
              TreeSet<String> movers = new TreeSet<>();
              for (Move mv : cl.getValue()) {
                if (mv.small.equals(y)) {
                  movesItself = true;
                } else {
                  movers.add(mv.small);
                }
              }
              if (movers.isEmpty()) {
                continue;
              }
              if (movesItself) {
                deferred.inc(movers.size());
                continue;
              }
              moves.inc(movers.size());
              joinUnderSmallestLabel(y, movers, out);
            }
          }
        })).setCoder(ConnectedComponents.PAIR);
    return relabel(name, members, relabels);
  }

  /**
   * The round of signature terms ({@link CentroidMerger#withSignatureTerms}): each cluster of titles sends a small
   * holder record (label, size, articles holding the term, dates) to the posting of each centroid term; a posting
   * finds the term's owner, if any, and names it to the posting's small clusters; a small cluster moves when all its
   * owned terms name one owner. Owners (more than absorbMaxSize articles) never move, so the result equals the
   * single-worker one.
   */
  private PCollection<KV<String, StoryFeatures>> signatureRound(PCollection<KV<String, StoryFeatures>> members,
      String name) {
    final CentroidMerger mg = m;
    final int n = shards;
    KvCoder<String, Move> moveCoder = KvCoder.of(StringUtf8Coder.of(), new Move.Coder());

    PCollection<KV<String, CentroidMerger.Holder>> holders = JoinStories.groupByShard(name + "/ByCluster", members,
        StoryFeatures.Coder.of(), n)
        .apply(name + "/Holders", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, StoryFeatures>>>, KV<String, CentroidMerger.Holder>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, StoryFeatures>>> s,
                  OutputReceiver<KV<String, CentroidMerger.Holder>> out) {
                for (Map.Entry<String, List<StoryFeatures>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
                  CentroidMerger.Centroid c = centroid(cl.getKey(), cl.getValue(), mg.centroidTerms());
                  if (mg.inSignatureTerms(c)) {
                    CentroidMerger.countSupport(c, cl.getValue());
                    for (int i = 0; i < c.terms.length; i++) {
                      out.output(KV.of(Long.toHexString(c.terms[i]), CentroidMerger.Holder.of(c, i)));
                    }
                  }
                }
              }
            })).setCoder(KvCoder.of(StringUtf8Coder.of(), new HolderCoder()));

    // Each posting's owner, named to the posting's small clusters (keyed by the small cluster).
    PCollection<KV<String, Move>> named = JoinStories.groupByShard(name + "/ByTerm", holders, new HolderCoder(), n)
        .apply(name + "/Owners", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, CentroidMerger.Holder>>>, KV<String, Move>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, CentroidMerger.Holder>>> s,
                  OutputReceiver<KV<String, Move>> out) {
                for (List<CentroidMerger.Holder> posting : JoinStories.byKey(s.getValue()).values()) {
                  CentroidMerger.Holder owner = mg.owner(posting);
                  if (owner != null) {
                    for (CentroidMerger.Holder mv : mg.moversTo(owner, posting)) {
                      out.output(KV.of(mv.label, new Move(0, mv.label, owner.label)));
                    }
                  }
                }
              }
            })).setCoder(moveCoder);

    // At each small cluster: it moves when every owner named to it is the same cluster; sent to that owner.
    PCollection<KV<String, Move>> chosen = JoinStories.groupByShard(name + "/OwnersByMover", named,
        new Move.Coder(), n)
        .apply(name + "/Choose", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, Move>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s, OutputReceiver<KV<String, Move>> out) {
            for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
              TreeSet<String> owners = new TreeSet<>();
              for (Move mv : cl.getValue()) {
                owners.add(mv.big);
              }
              if (owners.size() == 1) {
                out.output(KV.of(owners.first(), new Move(0, cl.getKey(), owners.first())));
              }
            }
          }
        })).setCoder(moveCoder);

    // At each owner: every small cluster that chose it joins; the merged label is the smallest.
    PCollection<KV<String, String>> relabels = JoinStories.groupByShard(name + "/MovesByOwner", chosen,
        new Move.Coder(), n)
        .apply(name + "/Join", ParDo.of(new JoinMoversAtTarget("signatureMoves"))).setCoder(ConnectedComponents.PAIR);
    return relabel(name, members, relabels);
  }

  /** One mover's candidate moves as target label -> score (a pair scored in several postings scores the same). */
  static Map<String, Double> scoresByTarget(List<Move> moves) {
    Map<String, Double> scores = new java.util.HashMap<>();
    for (Move mv : moves) {
      scores.put(mv.big, mv.score);
    }
    return scores;
  }

  /**
   * At each target (the key): every mover that chose it joins, under the smallest label; counted in
   * {@code stories/<counter>}. For rounds whose targets never move (absorption, signature terms).
   */
  static final class JoinMoversAtTarget extends DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, String>> {
    private final Counter moves;

    JoinMoversAtTarget(String counter) {
      this.moves = Metrics.counter(JoinStories.NS, counter);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s, OutputReceiver<KV<String, String>> out) {
      for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
        TreeSet<String> movers = new TreeSet<>();
        for (Move mv : cl.getValue()) {
          movers.add(mv.small);
        }
        moves.inc(movers.size());
        joinUnderSmallestLabel(cl.getKey(), movers, out);
      }
    }
  }

  /**
   * Target {@code y} takes the clusters in {@code movers} (not empty): each of them, and {@code y} unless it is the
   * smallest, is relabelled to the smallest label of them all, so the merged id is the same however the moves arrive.
   */
  static void joinUnderSmallestLabel(String y, TreeSet<String> movers, DoFn.OutputReceiver<KV<String, String>> out) {
    String label = movers.first().compareTo(y) < 0 ? movers.first() : y;
    for (String x : movers) {
      out.output(KV.of(x, label));
    }
    if (!label.equals(y)) {
      out.output(KV.of(y, label));
    }
  }

  private PCollection<KV<String, StoryFeatures>> round(PCollection<KV<String, StoryFeatures>> members, String name) {
    final CentroidMerger mg = m;
    final int n = shards;
    KvCoder<String, Move> moveCoder = KvCoder.of(StringUtf8Coder.of(), new Move.Coder());

    // Centroid of each cluster, sent to a posting per heaviest term.
    PCollection<KV<String, CentroidMerger.Centroid>> postings = postings(name, members, false);

    // Candidate moves from each posting, sent to both clusters involved.
    PCollection<KV<String, Move>> candidates = JoinStories.groupByShard(name + "/ByTerm", postings,
        new CentroidCoder(), n)
        .apply(name + "/Candidates", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, CentroidMerger.Centroid>>>, KV<String, Move>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, CentroidMerger.Centroid>>> s,
                  OutputReceiver<KV<String, Move>> out) {
                for (List<CentroidMerger.Centroid> posting : JoinStories.byKey(s.getValue()).values()) {
                  posting.sort(Comparator.comparing(c -> c.label));
                  for (int[] w : Blocks.windows(posting.size(), mg.maxPostings())) {
                    for (int i = w[0]; i < w[1]; i++) {
                      for (int j = i + 1; j < w[1]; j++) {
                        CentroidMerger.Centroid a = posting.get(i);
                        CentroidMerger.Centroid b = posting.get(j);
                        if (!CentroidMerger.datesOverlap(a, b, mg.dateWindowDays())
                            || Math.min(a.size, b.size) > mg.maxMoveSize()) {
                          continue;
                        }
                        double score = a.cosine(b, mg.minShared());
                        if (score < mg.threshold()) {
                          continue;
                        }
                        // The smaller cluster moves; on equal sizes the larger label (a < b here).
                        boolean aMoves = a.size < b.size;
                        Move mv = aMoves ? new Move(score, a.label, b.label) : new Move(score, b.label, a.label);
                        out.output(KV.of(mv.small, mv));
                        out.output(KV.of(mv.big, mv));
                      }
                    }
                  }
                }
              }
            })).setCoder(moveCoder);

    // At each cluster: its strongest move out is proposed when no move into it is stronger; it also tells its own
    // strongest move out to the clusters proposing into it (sent keyed by itself).
    PCollection<KV<String, Move>> proposals = JoinStories.groupByShard(name + "/MovesByCluster", candidates,
        new Move.Coder(), n)
        .apply(name + "/Propose", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, Move>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s, OutputReceiver<KV<String, Move>> out) {
            for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
              String c = cl.getKey();
              Move bestOut = null;
              Move bestIn = null;
              for (Move mv : cl.getValue()) {
                if (mv.small.equals(c)) {
                  bestOut = bestOut == null || Move.ORDER.compare(mv, bestOut) < 0 ? mv : bestOut;
                } else {
                  bestIn = bestIn == null || Move.ORDER.compare(mv, bestIn) < 0 ? mv : bestIn;
                }
              }
              if (bestOut == null) {
                continue;
              }
              // Keyed by this cluster: "I would rather move" for anyone proposing into it.
              out.output(KV.of(c, bestOut));
              if (bestIn == null || Move.ORDER.compare(bestOut, bestIn) < 0) {
                out.output(KV.of(bestOut.big, bestOut));
              }
            }
          }
        })).setCoder(moveCoder);

    // At each target: accept the proposals stronger than its own best move out; the merged label is the smallest.
    PCollection<KV<String, String>> relabels = JoinStories.groupByShard(name + "/ProposalsByTarget", proposals,
        new Move.Coder(), n)
        .apply(name + "/Accept", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Move>>>, KV<String, String>>() {
          private final Counter moves = Metrics.counter(JoinStories.NS, "centroidMoves");
          private final Counter deferred = Metrics.counter(JoinStories.NS, "centroidMovesDeferred");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Move>>> s,
              OutputReceiver<KV<String, String>> out) {
            for (Map.Entry<String, List<Move>> cl : JoinStories.byKey(s.getValue()).entrySet()) {
              String y = cl.getKey();
              Move ownOut = null;
              TreeSet<String> movers = new TreeSet<>();
              List<Move> in = new ArrayList<>();
              for (Move mv : cl.getValue()) {
                if (mv.small.equals(y)) {
                  ownOut = mv;
                } else {
                  in.add(mv);
                }
              }
              for (Move mv : in) {
                if (ownOut == null || Move.ORDER.compare(mv, ownOut) < 0) {
                  movers.add(mv.small);
                } else {
                  deferred.inc();
                }
              }
              if (movers.isEmpty()) {
                continue;
              }
              moves.inc(movers.size());
              joinUnderSmallestLabel(y, movers, out);
            }
          }
        })).setCoder(ConnectedComponents.PAIR);

    return relabel(name, members, relabels);
  }

  /** Re-keys the members of every cluster that moved (or absorbed a smaller label). */
  private PCollection<KV<String, StoryFeatures>> relabel(String name, PCollection<KV<String, StoryFeatures>> members,
      PCollection<KV<String, String>> relabels) {
    final int n = shards;
    final TupleTag<KV<String, StoryFeatures>> memberTag = new TupleTag<>();
    final TupleTag<KV<String, String>> relabelTag = new TupleTag<>();
    return KeyedPCollectionTuple
        .of(memberTag, shardByKey(name + "/ShardMembers", members, MEMBER, n))
        .and(relabelTag, shardByKey(name + "/ShardRelabels", relabels, ConnectedComponents.PAIR, n))
        .apply(name + "/JoinRelabels", OnePassCoGroupByKey.create())
        .apply(name + "/Relabel", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, StoryFeatures>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<KV<String, StoryFeatures>> out) {
            Map<String, String> to = new java.util.HashMap<>();
            for (KV<String, String> kv : r.getValue().getAll(relabelTag)) {
              to.put(kv.getKey(), kv.getValue());
            }
            for (KV<String, StoryFeatures> kv : r.getValue().getAll(memberTag)) {
              out.output(KV.of(to.getOrDefault(kv.getKey(), kv.getKey()), kv.getValue()));
            }
          }
        })).setCoder(MEMBER);
  }

  static <V> PCollection<KV<Integer, KV<String, V>>> shardByKey(String name, PCollection<KV<String, V>> in,
      KvCoder<String, V> coder, int shards) {
    return in.apply(name, ParDo.of(new DoFn<KV<String, V>, KV<Integer, KV<String, V>>>() {
      @ProcessElement
      public void process(@Element KV<String, V> kv, OutputReceiver<KV<Integer, KV<String, V>>> out) {
        out.output(KV.of(JoinStories.shard(kv.getKey(), shards), kv));
      }
    })).setCoder(KvCoder.of(VarIntCoder.of(), coder));
  }
}
