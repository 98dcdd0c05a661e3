package dev.newsfold.stories;

import dev.newsfold.OnePassCoGroupByKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
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
 * {@link StoryClusterer}'s copy groups and guarded story merging for components too large for one worker, in rounds
 * over cluster pairs: no step holds more than one shard of links, one cluster's links or one copy group.
 *
 * <p>Copy groups: connected components of the copy edges; the canonical copy is chosen per group as the clusterer
 * chooses it. Story edges then become links between copy groups (summed score, strongest edge, both sizes). Each
 * round: every link that passes the guard ({@code sum >= fraction * (|A| * |B|) ^ exponent}) is a move of its
 * smaller end into its larger one; a move is made when it is the strongest of the moves it would block (the
 * mover's own moves and the moves into it, the target's moves out), so a cluster either moves or absorbs, never
 * both. A target takes its movers strongest first and re-checks the guard against its grown size, counting only
 * the mover's links to the target itself (the links among the movers can only add), so every merge made would
 * pass the guard of the sequential clusterer at that point. Links are then relabelled and summed again. The
 * strongest passing link is always merged, so each round makes progress; merges left when the rounds run out are
 * counted in {@code stories/guardedLinksLeft}. Output: every article's cluster label (smallest member id) and its
 * canonical copy when it is not the canonical itself.
 */
public class GuardedRounds extends PTransform<PCollection<Edge>, PCollectionTuple> {
  static final TupleTag<KV<String, String>> CLUSTERED = new TupleTag<KV<String, String>>() {};
  static final TupleTag<KV<String, String>> DUPLICATES = new TupleTag<KV<String, String>>() {};

  private final double fraction;
  private final double exponent;
  private final int rounds;
  private final int componentRounds;
  private final int shards;

  GuardedRounds(double fraction, double exponent, int rounds, int componentRounds, int shards) {
    this.fraction = fraction;
    this.exponent = exponent;
    this.rounds = rounds;
    this.componentRounds = componentRounds;
    this.shards = shards;
  }

  /** The links between two clusters: summed and strongest edge score, and both sizes. */
  static final class Link {
    final String a;
    final int sizeA;
    final String b;
    final int sizeB;
    final double sum;
    final double max;

    Link(String a, int sizeA, String b, int sizeB, double sum, double max) {
      this.a = a;
      this.sizeA = sizeA;
      this.b = b;
      this.sizeB = sizeB;
      this.sum = sum;
      this.max = max;
    }

    String low() {
      return a.compareTo(b) <= 0 ? a : b;
    }

    String high() {
      return a.compareTo(b) <= 0 ? b : a;
    }

    String other(String c) {
      return c.equals(a) ? b : a;
    }

    int sizeOf(String c) {
      return c.equals(a) ? sizeA : sizeB;
    }

    /** The smaller cluster moves into the larger; between equal sizes, the larger label. */
    boolean moves(String c) {
      String o = other(c);
      int sc = sizeOf(c);
      int so = sizeOf(o);
      return sc < so || (sc == so && c.compareTo(o) > 0);
    }

    static boolean passes(double sum, long sizeA, long sizeB, double fraction, double exponent) {
      return sum >= fraction * Math.pow((double) sizeA * sizeB, exponent);
    }

    /** Strongest edge first (the sequential clusterer's order), then the larger sum, then by labels. */
    static final Comparator<Link> STRONGEST_FIRST = Comparator.<Link>comparingDouble(l -> -l.max)
        .thenComparingDouble(l -> -l.sum).thenComparing(Link::low).thenComparing(Link::high);

    @Override
    public String toString() {
      return a + "(" + sizeA + ")-" + b + "(" + sizeB + ") " + sum + "/" + max;
    }

    static final class Coder extends AtomicCoder<Link> {
      private static final Coder INSTANCE = new Coder();

      static Coder of() {
        return INSTANCE;
      }

      @Override
      public void encode(Link l, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeUTF(l.a);
        out.writeInt(l.sizeA);
        out.writeUTF(l.b);
        out.writeInt(l.sizeB);
        out.writeDouble(l.sum);
        out.writeDouble(l.max);
        out.flush();
      }

      @Override
      public Link decode(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        return new Link(in.readUTF(), in.readInt(), in.readUTF(), in.readInt(), in.readDouble(), in.readDouble());
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  private static final KvCoder<String, Link> LINK_KV = KvCoder.of(StringUtf8Coder.of(), Link.Coder.of());
  /** cluster or article -> (new label, new size). */
  private static final KvCoder<String, KV<String, Integer>> RELABEL =
      KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
  private static final KvCoder<String, Integer> ID_DATE = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());

  @Override
  public PCollectionTuple expand(PCollection<Edge> edges) {
    // Copy groups: components of the copy edges, then the canonical and the size per group.
    PCollection<KV<String, String>> copyLabels = edges
        .apply("CopyPairs", ParDo.of(new DoFn<Edge, KV<String, String>>() {
          @ProcessElement
          public void process(@Element Edge e, OutputReceiver<KV<String, String>> out) {
            if (e.type == Edge.COPY) {
              out.output(KV.of(e.a, e.b));
            }
          }
        })).setCoder(ConnectedComponents.PAIR)
        .apply("CopyComponents", new ConnectedComponents(componentRounds, shards));
    PCollection<KV<String, Integer>> copyDates = edges
        .apply("CopyMemberDates", ParDo.of(new DoFn<Edge, KV<String, Integer>>() {
          @ProcessElement
          public void process(@Element Edge e, OutputReceiver<KV<String, Integer>> out) {
            if (e.type == Edge.COPY) {
              out.output(KV.of(e.a, e.dateA));
              out.output(KV.of(e.b, e.dateB));
            }
          }
        })).setCoder(ID_DATE);
    TupleTag<KV<String, String>> labelTag = new TupleTag<>();
    TupleTag<KV<String, Integer>> dateTag = new TupleTag<>();
    PCollection<KV<String, KV<String, Integer>>> membersByGroup = KeyedPCollectionTuple
        .of(labelTag, JoinStories.shardByKey("ShardCopyLabels", copyLabels, ConnectedComponents.PAIR, shards))
        .and(dateTag, JoinStories.shardByKey("ShardCopyDates", copyDates, ID_DATE, shards))
        .apply("JoinCopyMembers", OnePassCoGroupByKey.create())
        .apply("KeyByCopyGroup", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, KV<String, Integer>>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r,
              OutputReceiver<KV<String, KV<String, Integer>>> out) {
            Map<String, Integer> date = new HashMap<>();
            for (KV<String, Integer> d : r.getValue().getAll(dateTag)) {
              date.put(d.getKey(), d.getValue());
            }
            for (KV<String, String> l : r.getValue().getAll(labelTag)) {
              out.output(KV.of(l.getValue(), KV.of(l.getKey(), date.get(l.getKey()))));
            }
          }
        })).setCoder(RELABEL);
    TupleTag<KV<String, KV<String, Integer>>> groupOfTag = new TupleTag<KV<String, KV<String, Integer>>>() {};
    TupleTag<KV<String, String>> canonicalTag = new TupleTag<KV<String, String>>() {};
    PCollectionTuple copyGroups = JoinStories.groupByShard("GroupCopies", membersByGroup,
            KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()), shards)
        .apply("CanonicalCopies", ParDo.of(
            new DoFn<KV<Integer, Iterable<KV<String, KV<String, Integer>>>>, KV<String, KV<String, Integer>>>() {
              @ProcessElement
              public void process(@Element KV<Integer, Iterable<KV<String, KV<String, Integer>>>> s,
                  MultiOutputReceiver out) {
                for (Map.Entry<String, List<KV<String, Integer>>> g : JoinStories.byKey(s.getValue()).entrySet()) {
                  KV<String, Integer> canonical = null;
                  for (KV<String, Integer> m : g.getValue()) {
                    if (canonical == null || StoryClusterer.earlier(m.getValue(), m.getKey(), canonical.getValue(),
                        canonical.getKey())) {
                      canonical = m;
                    }
                  }
                  int size = g.getValue().size();
                  for (KV<String, Integer> m : g.getValue()) {
                    out.get(groupOfTag).output(KV.of(m.getKey(), KV.of(g.getKey(), size)));
                    if (!m.getKey().equals(canonical.getKey())) {
                      out.get(canonicalTag).output(KV.of(m.getKey(), canonical.getKey()));
                    }
                  }
                }
              }
            }).withOutputTags(groupOfTag, TupleTagList.of(canonicalTag)));
    PCollection<KV<String, KV<String, Integer>>> groupOf = copyGroups.get(groupOfTag).setCoder(RELABEL);
    copyGroups.get(canonicalTag).setCoder(ConnectedComponents.PAIR);

    // Story edges as links between articles, then between copy groups.
    PCollection<Link> links = edges.apply("StoryLinks", ParDo.of(new DoFn<Edge, Link>() {
      @ProcessElement
      public void process(@Element Edge e, OutputReceiver<Link> out) {
        if (e.type == Edge.STORY) {
          out.output(new Link(e.a, 1, e.b, 1, e.score, e.score));
        }
      }
    })).setCoder(Link.Coder.of());
    links = relabel("LinkCopyGroups", links, groupOf);

    List<PCollection<KV<String, String>>> merges = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      PCollectionTuple round = mergeRound("GuardRound" + r, links, r);
      merges.add(round.get(MERGES).setCoder(ConnectedComponents.PAIR));
      links = relabel("GuardRound" + r + "/Relabel", links, round.get(MAPPING).setCoder(RELABEL));
    }
    links.apply("CountLinksLeft", ParDo.of(new DoFn<Link, Void>() {
      private final Counter left = Metrics.counter(JoinStories.NS, "guardedLinksLeft");

      @ProcessElement
      public void process(@Element Link l) {
        if (Link.passes(l.sum, l.sizeA, l.sizeB, fraction, exponent)) {
          left.inc();
        }
      }
    }));

    // Each article's cluster: its copy group's label, then the merges of all rounds (a forest) as components.
    PCollection<KV<String, String>> clusterOfGroup = PCollectionList.of(merges).apply("AllMerges", Flatten.pCollections())
        .apply("MergedClusters", new ConnectedComponents(componentRounds, shards));
    PCollection<KV<String, String>> ids = edges.apply("EdgeEnds", ParDo.of(new DoFn<Edge, KV<String, String>>() {
      @ProcessElement
      public void process(@Element Edge e, OutputReceiver<KV<String, String>> out) {
        out.output(KV.of(e.a, ""));
        out.output(KV.of(e.b, ""));
      }
    })).setCoder(ConnectedComponents.PAIR);
    TupleTag<KV<String, String>> idTag = new TupleTag<>();
    TupleTag<KV<String, KV<String, Integer>>> groupTag = new TupleTag<>();
    PCollection<KV<String, String>> byGroup = KeyedPCollectionTuple
        .of(idTag, JoinStories.shardByKey("ShardEnds", ids, ConnectedComponents.PAIR, shards))
        .and(groupTag, JoinStories.shardByKey("ShardGroups", groupOf, RELABEL, shards))
        .apply("JoinEndsToGroups", OnePassCoGroupByKey.create())
        .apply("KeyArticlesByGroup", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<KV<String, String>> out) {
            Map<String, String> group = new HashMap<>();
            for (KV<String, KV<String, Integer>> g : r.getValue().getAll(groupTag)) {
              group.put(g.getKey(), g.getValue().getKey());
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (KV<String, String> id : r.getValue().getAll(idTag)) {
              if (seen.add(id.getKey())) {
                out.output(KV.of(group.getOrDefault(id.getKey(), id.getKey()), id.getKey()));
              }
            }
          }
        })).setCoder(ConnectedComponents.PAIR);
    TupleTag<KV<String, String>> memberTag = new TupleTag<>();
    TupleTag<KV<String, String>> clusterTag = new TupleTag<>();
    PCollection<KV<String, String>> clustered = KeyedPCollectionTuple
        .of(memberTag, JoinStories.shardByKey("ShardMembers", byGroup, ConnectedComponents.PAIR, shards))
        .and(clusterTag, JoinStories.shardByKey("ShardMergedClusters", clusterOfGroup, ConnectedComponents.PAIR,
            shards))
        .apply("JoinMembersToClusters", OnePassCoGroupByKey.create())
        .apply("ClusterOfArticle", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<KV<String, String>> out) {
            Map<String, String> cluster = new HashMap<>();
            for (KV<String, String> c : r.getValue().getAll(clusterTag)) {
              cluster.put(c.getKey(), c.getValue());
            }
            for (KV<String, String> m : r.getValue().getAll(memberTag)) {
              out.output(KV.of(m.getValue(), cluster.getOrDefault(m.getKey(), m.getKey())));
            }
          }
        })).setCoder(ConnectedComponents.PAIR);
    return PCollectionTuple.of(CLUSTERED, clustered).and(DUPLICATES, copyGroups.get(canonicalTag));
  }

  private static final TupleTag<KV<String, KV<String, Integer>>> MAPPING =
      new TupleTag<KV<String, KV<String, Integer>>>() {};
  private static final TupleTag<KV<String, String>> MERGES = new TupleTag<KV<String, String>>() {};

  /** One round of merges: outputs MAPPING (each changed cluster's new label and size) and MERGES (target, mover). */
  private PCollectionTuple mergeRound(String name, PCollection<Link> links, int round) {
    final double f = fraction;
    final double e = exponent;
    PCollection<KV<String, Link>> ends = links.apply(name + "/PassingLinkEnds", ParDo.of(new DoFn<Link, KV<String, Link>>() {
      @ProcessElement
      public void process(@Element Link l, OutputReceiver<KV<String, Link>> out) {
        if (Link.passes(l.sum, l.sizeA, l.sizeB, f, e)) {
          out.output(KV.of(l.a, l));
          out.output(KV.of(l.b, l));
        }
      }
    })).setCoder(LINK_KV);
    // At each cluster: its strongest move out (sent to itself), and that move as a candidate at its target when no
    // move into the cluster is stronger.
    TupleTag<KV<String, Link>> ownTag = new TupleTag<KV<String, Link>>() {};
    TupleTag<KV<String, Link>> candidateTag = new TupleTag<KV<String, Link>>() {};
    PCollectionTuple proposals = JoinStories.groupByShard(name + "/GroupByCluster", ends, Link.Coder.of(), shards)
        .apply(name + "/Propose", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Link>>>, KV<String, Link>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Link>>> s, MultiOutputReceiver out) {
            for (Map.Entry<String, List<Link>> c : JoinStories.byKey(s.getValue()).entrySet()) {
              String cluster = c.getKey();
              Link bestOut = null;
              Link bestIn = null;
              for (Link l : c.getValue()) {
                if (l.moves(cluster)) {
                  bestOut = bestOut == null || Link.STRONGEST_FIRST.compare(l, bestOut) < 0 ? l : bestOut;
                } else {
                  bestIn = bestIn == null || Link.STRONGEST_FIRST.compare(l, bestIn) < 0 ? l : bestIn;
                }
              }
              if (bestOut != null) {
                out.get(ownTag).output(KV.of(cluster, bestOut));
                if (bestIn == null || Link.STRONGEST_FIRST.compare(bestOut, bestIn) < 0) {
                  out.get(candidateTag).output(KV.of(bestOut.other(cluster), bestOut));
                }
              }
            }
          }
        }).withOutputTags(ownTag, TupleTagList.of(candidateTag)));
    TupleTag<KV<String, KV<String, Integer>>> mappingTag = MAPPING;
    TupleTag<KV<String, String>> mergeTag = MERGES;
    return KeyedPCollectionTuple
        .of(ownTag, JoinStories.shardByKey(name + "/ShardOwn", proposals.get(ownTag).setCoder(LINK_KV), LINK_KV,
            shards))
        .and(candidateTag, JoinStories.shardByKey(name + "/ShardCandidates",
            proposals.get(candidateTag).setCoder(LINK_KV), LINK_KV, shards))
        .apply(name + "/JoinCandidates", OnePassCoGroupByKey.create())
        .apply(name + "/Absorb", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, KV<String, Integer>>>() {
          private final Counter merged = Metrics.counter(JoinStories.NS, "guardRound" + round + "Merges");
          private final Counter deferred = Metrics.counter(JoinStories.NS, "guardRound" + round + "Deferred");

          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, MultiOutputReceiver out) {
            Map<String, Link> own = new HashMap<>();
            for (KV<String, Link> o : r.getValue().getAll(ownTag)) {
              own.put(o.getKey(), o.getValue());
            }
            Map<String, List<Link>> candidates = new java.util.TreeMap<>();
            for (KV<String, Link> c : r.getValue().getAll(candidateTag)) {
              candidates.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(c.getValue());
            }
            for (Map.Entry<String, List<Link>> t : candidates.entrySet()) {
              String target = t.getKey();
              Link mine = own.get(target);
              List<Link> movers = t.getValue();
              movers.sort(Link.STRONGEST_FIRST);
              long size = movers.get(0).sizeOf(target);
              List<String> taken = new ArrayList<>();
              for (Link l : movers) {
                String mover = l.other(target);
                // A move weaker than the target's own move out waits: the target may be moving this round.
                if ((mine == null || Link.STRONGEST_FIRST.compare(l, mine) < 0)
                    && Link.passes(l.sum, size, l.sizeOf(mover), f, e)) {
                  size += l.sizeOf(mover);
                  taken.add(mover);
                } else {
                  deferred.inc();
                }
              }
              if (taken.isEmpty()) {
                continue;
              }
              merged.inc(taken.size());
              int newSize = Math.toIntExact(size);
              out.get(mappingTag).output(KV.of(target, KV.of(target, newSize)));
              for (String mover : taken) {
                out.get(mappingTag).output(KV.of(mover, KV.of(target, newSize)));
                out.get(mergeTag).output(KV.of(target, mover));
              }
            }
          }
        }).withOutputTags(mappingTag, TupleTagList.of(mergeTag)));
  }

  /**
   * Relabels both ends of every link through {@code mapping} (ends not in it keep label and size), drops links
   * inside one cluster and sums the links of each new pair (in sorted order, so the sum is the same on every runner).
   */
  private PCollection<Link> relabel(String name, PCollection<Link> links,
      PCollection<KV<String, KV<String, Integer>>> mapping) {
    PCollection<KV<String, Link>> byA = links.apply(name + "/KeyByA", ParDo.of(new DoFn<Link, KV<String, Link>>() {
      @ProcessElement
      public void process(@Element Link l, OutputReceiver<KV<String, Link>> out) {
        out.output(KV.of(l.a, l));
      }
    })).setCoder(LINK_KV);
    PCollection<KV<String, Link>> byB = relabelEnd(name + "/A", byA, mapping, true);
    PCollection<KV<String, Link>> byPair = relabelEnd(name + "/B", byB, mapping, false);
    return JoinStories.groupByShard(name + "/GroupPairs", byPair, Link.Coder.of(), shards)
        .apply(name + "/SumPairs", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Link>>>, Link>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Link>>> s, OutputReceiver<Link> out) {
            for (List<Link> pair : JoinStories.byKey(s.getValue()).values()) {
              Link first = pair.get(0);
              double[] sums = new double[pair.size()];
              double max = Double.NEGATIVE_INFINITY;
              for (int i = 0; i < sums.length; i++) {
                sums[i] = pair.get(i).sum;
                max = Math.max(max, pair.get(i).max);
              }
              java.util.Arrays.sort(sums);
              double sum = 0;
              for (double x : sums) {
                sum += x;
              }
              out.output(new Link(first.low(), first.sizeOf(first.low()), first.high(), first.sizeOf(first.high()),
                  sum, max));
            }
          }
        })).setCoder(Link.Coder.of());
  }

  /**
   * Joins links keyed by one end with the mapping and replaces that end; outputs them keyed by the other end
   * ({@code firstEnd}) or by their pair (second end), dropping links that fell inside one cluster.
   */
  private PCollection<KV<String, Link>> relabelEnd(String name, PCollection<KV<String, Link>> keyed,
      PCollection<KV<String, KV<String, Integer>>> mapping, boolean firstEnd) {
    TupleTag<KV<String, KV<String, Integer>>> mapTag = new TupleTag<>();
    TupleTag<KV<String, Link>> linkTag = new TupleTag<>();
    return KeyedPCollectionTuple
        .of(mapTag, JoinStories.shardByKey(name + "/ShardMapping", mapping, RELABEL, shards))
        .and(linkTag, JoinStories.shardByKey(name + "/ShardLinks", keyed, LINK_KV, shards))
        .apply(name + "/Join", OnePassCoGroupByKey.create())
        .apply(name + "/Replace", ParDo.of(new DoFn<KV<Integer, CoGbkResult>, KV<String, Link>>() {
          @ProcessElement
          public void process(@Element KV<Integer, CoGbkResult> r, OutputReceiver<KV<String, Link>> out) {
            Map<String, KV<String, Integer>> map = new HashMap<>();
            for (KV<String, KV<String, Integer>> m : r.getValue().getAll(mapTag)) {
              map.put(m.getKey(), m.getValue());
            }
            for (KV<String, Link> kv : r.getValue().getAll(linkTag)) {
              Link l = kv.getValue();
              KV<String, Integer> to = map.get(kv.getKey());
              // The end being replaced is always field a (first pass) or field b (second pass).
              Link n = to == null ? l
                  : firstEnd ? new Link(to.getKey(), to.getValue(), l.b, l.sizeB, l.sum, l.max)
                  : new Link(l.a, l.sizeA, to.getKey(), to.getValue(), l.sum, l.max);
              if (n.a.equals(n.b)) {
                continue;
              }
              out.output(KV.of(firstEnd ? n.b : n.low() + " " + n.high(), n));
            }
          }
        })).setCoder(LINK_KV);
  }
}
