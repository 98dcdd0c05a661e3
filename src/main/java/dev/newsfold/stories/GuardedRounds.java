package dev.newsfold.stories;

import dev.newsfold.OnePassCoGroupByKey;
import dev.newsfold.StageClock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final int maxLinksPerArticle;

  GuardedRounds(double fraction, double exponent, int rounds, int componentRounds, int shards) {
    this(fraction, exponent, rounds, componentRounds, shards, 0);
  }

  /**
   * With {@code maxLinksPerArticle} > 0 each article keeps only its strongest story edges: an edge stays when it is
   * among the {@code maxLinksPerArticle} strongest of either end. 0 keeps them all.
   */
  GuardedRounds(double fraction, double exponent, int rounds, int componentRounds, int shards,
      int maxLinksPerArticle) {
    this.fraction = fraction;
    this.exponent = exponent;
    this.rounds = rounds;
    this.componentRounds = componentRounds;
    this.shards = shards;
    this.maxLinksPerArticle = maxLinksPerArticle;
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
        IdCoder.of().encode(l.a, os);
        VarIntCoder.of().encode(l.sizeA, os);
        IdCoder.of().encode(l.b, os);
        VarIntCoder.of().encode(l.sizeB, os);
        DataOutputStream out = new DataOutputStream(os);
        out.writeDouble(l.sum);
        out.writeDouble(l.max);
        out.flush();
      }

      @Override
      public Link decode(InputStream is) throws IOException {
        String a = IdCoder.of().decode(is);
        int sizeA = VarIntCoder.of().decode(is);
        String b = IdCoder.of().decode(is);
        int sizeB = VarIntCoder.of().decode(is);
        DataInputStream in = new DataInputStream(is);
        return new Link(a, sizeA, b, sizeB, in.readDouble(), in.readDouble());
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  /**
   * Article ids and cluster labels (16 lowercase hex digits, {@code ArticleIds}) as 8 bytes, and a pair key ("id id")
   * as 16, instead of 17 and 34 UTF-8 bytes: the rounds shuffle every link several times, and at 1M articles the
   * bytes spill to disk. Any other string (tests use short names) is written as UTF-8 after a marker.
   */
  static final class IdCoder extends AtomicCoder<String> {
    private static final IdCoder INSTANCE = new IdCoder();
    private static final int TEXT = 0;
    private static final int ID = 1;
    private static final int PAIR = 2;
    private static final int HEX = 16;

    static IdCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(String s, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      if (s.length() == HEX && isHex(s, 0)) {
        out.writeByte(ID);
        out.writeLong(Long.parseUnsignedLong(s, 16));
      } else if (s.length() == 2 * HEX + 1 && s.charAt(HEX) == ' ' && isHex(s, 0) && isHex(s, HEX + 1)) {
        out.writeByte(PAIR);
        out.writeLong(Long.parseUnsignedLong(s, 0, HEX, 16));
        out.writeLong(Long.parseUnsignedLong(s, HEX + 1, 2 * HEX + 1, 16));
      } else {
        out.writeByte(TEXT);
        out.flush();
        StringUtf8Coder.of().encode(s, os);
        return;
      }
      out.flush();
    }

    @Override
    public String decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int tag = in.readByte();
      if (tag == ID) {
        return new String(hex(in.readLong(), new char[HEX], 0));
      } else if (tag == PAIR) {
        char[] c = new char[2 * HEX + 1];
        hex(in.readLong(), c, 0);
        c[HEX] = ' ';
        return new String(hex(in.readLong(), c, HEX + 1));
      }
      return StringUtf8Coder.of().decode(is);
    }

    @Override
    public void verifyDeterministic() {}

    /** Lowercase only: an upper-case id would not come back the same. */
    private static boolean isHex(String s, int from) {
      for (int i = from; i < from + HEX; i++) {
        char c = s.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }

    private static char[] hex(long v, char[] out, int from) {
      for (int i = from + HEX - 1; i >= from; i--) {
        out[i] = Character.forDigit((int) (v & 0xf), 16);
        v >>>= 4;
      }
      return out;
    }
  }

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

    // Story edges as links between articles, relabelled to links between copy groups. From here on the rounds are
    // one chain of groupings (no collection is read twice): Flink's batch optimizer walks every path through the
    // graph, and rounds that reused the links and the mappings doubled the paths each round.
    PCollection<KV<String, Rec>> start = PCollectionList
        .of(distinctStoryEdges(edges).apply("StoryLinks", ParDo.of(new DoFn<Edge, KV<String, Rec>>() {
          @ProcessElement
          public void process(@Element Edge e, OutputReceiver<KV<String, Rec>> out) {
            out.output(KV.of(e.a, Rec.link(new Link(e.a, 1, e.b, 1, e.score, e.score))));
          }
        })).setCoder(REC_KV))
        .and(groupOf.apply("CopyGroupMaps", ParDo.of(new DoFn<KV<String, KV<String, Integer>>, KV<String, Rec>>() {
          @ProcessElement
          public void process(@Element KV<String, KV<String, Integer>> g, OutputReceiver<KV<String, Rec>> out) {
            out.output(KV.of(g.getKey(), Rec.map(g.getValue().getKey(), g.getValue().getValue())));
          }
        })).setCoder(REC_KV))
        .apply("LinksAndCopyGroups", Flatten.pCollections());
    PCollection<KV<String, Rec>> links = relabel("LinkCopyGroups", start, fraction, exponent);
    List<PCollection<KV<String, String>>> merges = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      String name = "GuardRound" + r;
      PCollection<KV<String, Rec>> proposals = step(name + "/Propose", links, new Propose(fraction, exponent, r));
      PCollectionTuple absorbed = JoinStories.groupByShard(name + "/Absorb", proposals, IdCoder.of(), Rec.Coder.of(),
              shards)
          .apply(name + "/Absorb", ParDo.of(new Absorb(fraction, exponent, r))
              .withOutputTags(Absorb.CHAIN, TupleTagList.of(Absorb.MERGES)));
      merges.add(absorbed.get(Absorb.MERGES).setCoder(ConnectedComponents.PAIR));
      links = relabelSecondEnds(name + "/Relabel", absorbed.get(Absorb.CHAIN).setCoder(REC_KV), fraction, exponent);
    }
    links.apply("CountLinksLeft", ParDo.of(new DoFn<KV<String, Rec>, Void>() {
      private final Counter left = Metrics.counter(JoinStories.NS, "guardedLinksLeft");

      @ProcessElement
      public void process(@Element KV<String, Rec> r) {
        Link l = r.getValue().link;
        if (r.getValue().kind == Rec.LINK && Link.passes(l.sum, l.sizeA, l.sizeB, fraction, exponent)) {
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
            Set<String> seen = new HashSet<>();
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

  private static final KvCoder<String, Edge> EDGE_BY_ID = KvCoder.of(IdCoder.of(), Edge.Coder.of());

  /**
   * The story edges, each pair once: a pair whose key terms are all split blocks is compared in a window of each, on
   * different shards, and arrives once per window, which the one-worker clusterer ignores (its edge table is
   * distinct) but summed links would count again. With a cap, first each article's strongest
   * {@code maxLinksPerArticle} (strongest first, then by the other end's id): the weak edges that chain a crawl into
   * one giant component are most of its links and rarely decide a merge, and every round carries all links.
   */
  private PCollection<Edge> distinctStoryEdges(PCollection<Edge> edges) {
    final int cap = maxLinksPerArticle;
    PCollection<KV<String, Edge>> byPair;
    if (cap > 0) {
      PCollection<KV<String, Edge>> atEnds = edges.apply("StoryEdgeEnds", ParDo.of(new DoFn<Edge, KV<String, Edge>>() {
        @ProcessElement
        public void process(@Element Edge e, OutputReceiver<KV<String, Edge>> out) {
          if (e.type == Edge.STORY && !e.a.equals(e.b)) {
            out.output(KV.of(e.a, e));
            out.output(KV.of(e.b, e));
          }
        }
      })).setCoder(EDGE_BY_ID);
      byPair = JoinStories.groupByShard("StrongestEdges", atEnds, IdCoder.of(), Edge.Coder.of(), shards)
          .apply("StrongestEdges", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Edge>>>, KV<String, Edge>>() {
            private final Counter capped = Metrics.counter(JoinStories.NS, "guardedEdgeEndsCapped");

            @ProcessElement
            public void process(@Element KV<Integer, Iterable<KV<String, Edge>>> s,
                OutputReceiver<KV<String, Edge>> out) {
              for (Map.Entry<String, List<Edge>> article : JoinStories.byKey(s.getValue()).entrySet()) {
                String id = article.getKey();
                java.util.TreeSet<Edge> strongest = new java.util.TreeSet<>(Comparator.<Edge>comparingDouble(
                    e -> -e.score).thenComparing(e -> e.a.equals(id) ? e.b : e.a));
                strongest.addAll(article.getValue()); // a pair's repeats are one element here
                int kept = 0;
                for (Edge e : strongest) {
                  if (kept++ == cap) {
                    capped.inc(strongest.size() - cap);
                    break;
                  }
                  out.output(KV.of(e.a + " " + e.b, e));
                }
              }
            }
          })).setCoder(EDGE_BY_ID);
    } else {
      byPair = edges.apply("StoryEdgePairs", ParDo.of(new DoFn<Edge, KV<String, Edge>>() {
        @ProcessElement
        public void process(@Element Edge e, OutputReceiver<KV<String, Edge>> out) {
          if (e.type == Edge.STORY && !e.a.equals(e.b)) {
            out.output(KV.of(e.a + " " + e.b, e));
          }
        }
      })).setCoder(EDGE_BY_ID);
    }
    return JoinStories.groupByShard("DistinctStoryEdges", byPair, IdCoder.of(), Edge.Coder.of(), shards)
        .apply("DistinctStoryEdges", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Edge>>>, Edge>() {
          private final Counter repeats = Metrics.counter(JoinStories.NS, "guardedEdgeRepeats");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Edge>>> s, OutputReceiver<Edge> out) {
            for (List<Edge> pair : JoinStories.byKey(s.getValue()).values()) {
              Edge first = java.util.Collections.min(pair);
              out.output(first);
              if (cap == 0) { // under a cap both ends may send a pair they both keep: not a repeat
                repeats.inc(pair.size() - 1);
              }
            }
          }
        })).setCoder(Edge.Coder.of());
  }

  /**
   * What travels between the groupings of a round, keyed by a cluster (or by a pair before summing): a link at its
   * first end (LINK) or, when it passes the guard, also at its second (PEER), a cluster's strongest move out (OWN), a
   * move offered to its target (CANDIDATE), a link of a cluster that offered to move, sent to the target with the
   * offer (MOVING), or a cluster's new label and size (MAP).
   */
  static final class Rec {
    static final byte LINK = 0;
    static final byte PEER = 1;
    static final byte OWN = 2;
    static final byte CANDIDATE = 3;
    static final byte MAP = 4;
    static final byte MOVING = 5;

    final byte kind;
    final Link link;
    final String label;
    final int size;

    private Rec(byte kind, Link link, String label, int size) {
      this.kind = kind;
      this.link = link;
      this.label = label;
      this.size = size;
    }

    static Rec link(Link l) {
      return new Rec(LINK, l, null, 0);
    }

    static Rec of(byte kind, Link l) {
      return new Rec(kind, l, null, 0);
    }

    static Rec map(String label, int size) {
      return new Rec(MAP, null, label, size);
    }

    static final class Coder extends AtomicCoder<Rec> {
      private static final Coder INSTANCE = new Coder();

      static Coder of() {
        return INSTANCE;
      }

      @Override
      public void encode(Rec r, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeByte(r.kind);
        out.flush();
        if (r.kind == MAP) {
          IdCoder.of().encode(r.label, os);
          VarIntCoder.of().encode(r.size, os);
        } else {
          Link.Coder.of().encode(r.link, os);
        }
      }

      @Override
      public Rec decode(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        byte kind = in.readByte();
        if (kind == MAP) {
          return map(IdCoder.of().decode(is), VarIntCoder.of().decode(is));
        }
        return Rec.of(kind, Link.Coder.of().decode(is));
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  private static final KvCoder<String, Rec> REC_KV = KvCoder.of(IdCoder.of(), Rec.Coder.of());

  /** One grouping by key on shards, then {@code fn} on each key's records. */
  private PCollection<KV<String, Rec>> step(String name, PCollection<KV<String, Rec>> in, PerKey fn) {
    return JoinStories.groupByShard(name, in, IdCoder.of(), Rec.Coder.of(), shards)
        .apply(name, ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, Rec>>>, KV<String, Rec>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, Rec>>> s,
              OutputReceiver<KV<String, Rec>> out) {
            for (Map.Entry<String, List<Rec>> k : JoinStories.byKey(s.getValue()).entrySet()) {
              fn.apply(k.getKey(), k.getValue(), out);
            }
          }
        })).setCoder(REC_KV);
  }

  private interface PerKey extends java.io.Serializable {
    void apply(String key, List<Rec> records, DoFn.OutputReceiver<KV<String, Rec>> out);
  }

  /**
   * Relabels both ends of every link through the MAP records beside them (ends without one keep label and size),
   * drops links inside one cluster and sums the links of each new pair. Input: LINKs keyed by their first end and
   * MAPs keyed by the cluster they rename.
   */
  private PCollection<KV<String, Rec>> relabel(String name, PCollection<KV<String, Rec>> linksAndMaps, double f,
      double e) {
    PCollection<KV<String, Rec>> firstDone = step(name + "/FirstEnds", linksAndMaps, (key, recs, out) -> {
      Rec map = mapOf(recs);
      for (Rec r : recs) {
        if (r.kind == Rec.MAP) {
          out.output(KV.of(key, r)); // again, for the links whose second end this is
        } else if (r.kind == Rec.LINK) {
          Link l = r.link;
          Link n = map == null ? l : new Link(map.label, map.size, l.b, l.sizeB, l.sum, l.max);
          out.output(KV.of(l.b, Rec.link(n)));
        }
      }
    });
    return relabelSecondEnds(name, firstDone, f, e);
  }

  /**
   * Relabels the second end of every link through the MAP records beside it, drops links inside one cluster and sums
   * the links of each new pair, in sorted order so the sum is the same on every runner. Input: LINKs keyed by their
   * second end (first ends already relabelled) and MAPs keyed by the cluster they rename; output: each link as LINK
   * at its first end, and as PEER at its second when it passes the guard (only passing links make moves), ready for
   * the next round.
   */
  private PCollection<KV<String, Rec>> relabelSecondEnds(String name, PCollection<KV<String, Rec>> linksAndMaps,
      double f, double e) {
    PCollection<KV<String, Rec>> byPair = step(name + "/SecondEnds", linksAndMaps, (key, recs, out) -> {
      Rec map = mapOf(recs);
      for (Rec r : recs) {
        if (r.kind == Rec.LINK) {
          Link l = r.link;
          Link n = map == null ? l : new Link(l.a, l.sizeA, map.label, map.size, l.sum, l.max);
          if (!n.a.equals(n.b)) {
            out.output(KV.of(n.low() + " " + n.high(), Rec.link(n)));
          }
        }
      }
    });
    return step(name + "/SumPairs", byPair, (key, recs, out) -> {
      Link first = recs.get(0).link;
      double[] sums = new double[recs.size()];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < sums.length; i++) {
        sums[i] = recs.get(i).link.sum;
        max = Math.max(max, recs.get(i).link.max);
      }
      java.util.Arrays.sort(sums);
      double sum = 0;
      for (double x : sums) {
        sum += x;
      }
      Link l = new Link(first.low(), first.sizeOf(first.low()), first.high(), first.sizeOf(first.high()), sum, max);
      out.output(KV.of(l.a, Rec.link(l)));
      if (Link.passes(l.sum, l.sizeA, l.sizeB, f, e)) {
        out.output(KV.of(l.b, Rec.of(Rec.PEER, l)));
      }
    });
  }

  private static Rec mapOf(List<Rec> recs) {
    for (Rec r : recs) {
      if (r.kind == Rec.MAP) {
        return r;
      }
    }
    return null;
  }

  /**
   * At each cluster: its strongest passing move out (OWN, to itself) and, when no passing move into it is stronger,
   * that move as a CANDIDATE at its target. The cluster's links (it is their first end) go on beside it, or, when it
   * offers to move, beside the target as MOVING: there the target relabels them if it takes the move, so the round
   * needs no grouping by first end to spread the new labels.
   */
  private static final class Propose implements PerKey {
    private final double f;
    private final double e;
    private final Counter links;
    private final Counter passing;

    Propose(double f, double e, int round) {
      this.f = f;
      this.e = e;
      this.links = Metrics.counter(JoinStories.NS, "guardRound" + round + "Links");
      this.passing = Metrics.counter(JoinStories.NS, "guardRound" + round + "PassingLinks");
    }

    @Override
    public void apply(String cluster, List<Rec> recs, DoFn.OutputReceiver<KV<String, Rec>> out) {
      Link bestOut = null;
      Link bestIn = null;
      for (Rec r : recs) {
        Link l = r.link;
        if (r.kind == Rec.LINK) {
          links.inc();
        }
        if (!Link.passes(l.sum, l.sizeA, l.sizeB, f, e)) {
          continue;
        }
        if (r.kind == Rec.LINK) {
          passing.inc();
        }
        if (l.moves(cluster)) {
          bestOut = bestOut == null || Link.STRONGEST_FIRST.compare(l, bestOut) < 0 ? l : bestOut;
        } else {
          bestIn = bestIn == null || Link.STRONGEST_FIRST.compare(l, bestIn) < 0 ? l : bestIn;
        }
      }
      boolean offers = false;
      if (bestOut != null) {
        out.output(KV.of(cluster, Rec.of(Rec.OWN, bestOut)));
        if (bestIn == null || Link.STRONGEST_FIRST.compare(bestOut, bestIn) < 0) {
          out.output(KV.of(bestOut.other(cluster), Rec.of(Rec.CANDIDATE, bestOut)));
          offers = true;
        }
      }
      String at = offers ? bestOut.other(cluster) : cluster;
      for (Rec r : recs) {
        if (r.kind == Rec.LINK) {
          out.output(KV.of(at, offers ? Rec.of(Rec.MOVING, r.link) : r));
        }
      }
    }
  }

  /**
   * At each target: takes the candidates stronger than its own move out, strongest first, each re-checked against
   * the target's grown size. Relabels the first ends of its own links and of its movers' links (a cluster that
   * offered to move absorbs nothing: its offer beat every move into it), emits them at their second ends with MAP
   * records for the target and its movers, and emits the merges.
   */
  private static final class Absorb extends DoFn<KV<Integer, Iterable<KV<String, Rec>>>, KV<String, Rec>> {
    static final TupleTag<KV<String, Rec>> CHAIN = new TupleTag<KV<String, Rec>>() {};
    static final TupleTag<KV<String, String>> MERGES = new TupleTag<KV<String, String>>() {};

    private final double f;
    private final double e;
    private final Counter merged;
    private final Counter deferred;
    private final StageClock clock = new StageClock("story_rounds");

    Absorb(double f, double e, int round) {
      this.f = f;
      this.e = e;
      this.merged = Metrics.counter(JoinStories.NS, "guardRound" + round + "Merges");
      this.deferred = Metrics.counter(JoinStories.NS, "guardRound" + round + "Deferred");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, Rec>>> s, MultiOutputReceiver out) {
      long t = clock.start();
      Map<String, List<Rec>> byCluster = JoinStories.byKey(s.getValue());
      for (Map.Entry<String, List<Rec>> k : byCluster.entrySet()) {
        String target = k.getKey();
        Link mine = null;
        List<Link> movers = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (Rec r : k.getValue()) {
          if (r.kind == Rec.LINK || r.kind == Rec.MOVING) {
            links.add(r.link);
          } else if (r.kind == Rec.OWN) {
            mine = r.link;
          } else if (r.kind == Rec.CANDIDATE) {
            movers.add(r.link);
          }
        }
        movers.sort(Link.STRONGEST_FIRST);
        long size = movers.isEmpty() ? 0 : movers.get(0).sizeOf(target);
        Set<String> taken = new HashSet<>();
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
        int newSize = Math.toIntExact(size);
        for (Link l : links) {
          // Its first end is the target (when it absorbed, it grew) or a mover (when taken, it is the target now).
          boolean relabel = !taken.isEmpty() && (l.a.equals(target) || taken.contains(l.a));
          Link n = relabel ? new Link(target, newSize, l.b, l.sizeB, l.sum, l.max) : l;
          out.get(CHAIN).output(KV.of(n.b, Rec.link(n)));
        }
        if (taken.isEmpty()) {
          continue;
        }
        merged.inc(taken.size());
        out.get(CHAIN).output(KV.of(target, Rec.map(target, newSize)));
        for (Link l : movers) {
          String mover = l.other(target);
          if (taken.contains(mover)) {
            out.get(CHAIN).output(KV.of(mover, Rec.map(target, newSize)));
            out.get(MERGES).output(KV.of(target, mover));
          }
        }
      }
      clock.stop(t, byCluster.size());
    }
  }
}
