package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Connected components of an undirected graph given as id pairs, without gathering the graph anywhere: rounds of
 * large-star / small-star (Kiveris et al., "Connected Components in MapReduce and Beyond", 2014), each a grouping
 * on hash shards. Every round keeps the components and shrinks their depth; once converged each component is a star
 * around its smallest id. Output: {@code (node, smallest id of its component)} for every node named by an edge.
 *
 * <p>The number of rounds is fixed when the pipeline is built (Beam graphs have no loops); rounds after convergence
 * pass edges through unchanged. A final pointer jump ({@code label(label(v))}) finishes components one round short of
 * converging, and the nodes whose label still moved there are counted in {@code stories/componentLabelsJumped}
 * (0 means the rounds sufficed). Memory: a node's neighbours in one round, at most its component's size.
 */
public class ConnectedComponents extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  private final int rounds;
  private final int shards;

  public ConnectedComponents(int rounds, int shards) {
    this.rounds = rounds;
    this.shards = shards;
  }

  static final KvCoder<String, String> PAIR = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    PCollection<KV<String, String>> g = edges;
    for (int r = 0; r < rounds; r++) {
      g = star(g, "LargeStar" + r, true, r);
      g = star(g, "SmallStar" + r, false, r);
    }
    // Labels: each node's smallest neighbour (or itself); then one pointer jump.
    PCollection<KV<String, String>> labels = byShard(g, "Label", true)
        .apply("LabelNodes", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, String>>> s,
              OutputReceiver<KV<String, String>> out) {
            for (Map.Entry<String, List<String>> n : JoinStories.byKey(s.getValue()).entrySet()) {
              String m = n.getKey();
              for (String v : n.getValue()) {
                if (v.compareTo(m) < 0) {
                  m = v;
                }
              }
              out.output(KV.of(n.getKey(), m));
            }
          }
        })).setCoder(PAIR);
    // Ask each label's own label: send (label, "?node") and (node, "=label") to the label's shard.
    return labels
        .apply("JumpRequests", ParDo.of(new DoFn<KV<String, String>, KV<Integer, KV<String, String>>>() {
          @ProcessElement
          public void process(@Element KV<String, String> l, OutputReceiver<KV<Integer, KV<String, String>>> out) {
            out.output(KV.of(JoinStories.shard(l.getKey(), shards), KV.of(l.getKey(), "=" + l.getValue())));
            if (!l.getKey().equals(l.getValue())) {
              out.output(KV.of(JoinStories.shard(l.getValue(), shards), KV.of(l.getValue(), "?" + l.getKey())));
            }
          }
        })).setCoder(KvCoder.of(VarIntCoder.of(), PAIR))
        .apply("GroupJump", GroupByKey.create())
        .apply("PointerJump", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>>() {
          private final Counter jumped = Metrics.counter(JoinStories.NS, "componentLabelsJumped");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, String>>> s,
              OutputReceiver<KV<String, String>> out) {
            for (Map.Entry<String, List<String>> n : JoinStories.byKey(s.getValue()).entrySet()) {
              String own = null;
              List<String> askers = new ArrayList<>();
              for (String v : n.getValue()) {
                if (v.startsWith("=")) {
                  own = v.substring(1);
                } else {
                  askers.add(v.substring(1));
                }
              }
              if (own == null) {
                continue; // cannot happen: every label is a node with edges
              }
              out.output(KV.of(n.getKey(), own));
              for (String a : askers) {
                if (!own.equals(n.getKey())) {
                  jumped.inc();
                }
                out.output(KV.of(a, own));
              }
            }
          }
        })).setCoder(PAIR)
        .apply("DedupLabels", new MinPerKey(shards));
  }

  /** Keeps the smallest value per key (a node asked by itself and as a label gets two answers). */
  static final class MinPerKey extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
    private final int shards;

    MinPerKey(int shards) {
      this.shards = shards;
    }

    @Override
    public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> in) {
      return in.apply("Shard", ParDo.of(new DoFn<KV<String, String>, KV<Integer, KV<String, String>>>() {
            @ProcessElement
            public void process(@Element KV<String, String> kv, OutputReceiver<KV<Integer, KV<String, String>>> out) {
              out.output(KV.of(JoinStories.shard(kv.getKey(), shards), kv));
            }
          })).setCoder(KvCoder.of(VarIntCoder.of(), PAIR))
          .apply("Group", GroupByKey.create())
          .apply("Min", ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>>() {
            @ProcessElement
            public void process(@Element KV<Integer, Iterable<KV<String, String>>> s,
                OutputReceiver<KV<String, String>> out) {
              for (Map.Entry<String, List<String>> n : JoinStories.byKey(s.getValue()).entrySet()) {
                out.output(KV.of(n.getKey(), new TreeSet<>(n.getValue()).first()));
              }
            }
          })).setCoder(PAIR);
    }
  }

  /** Both directions of every edge (or only larger -> smaller), grouped by source node on shards. */
  private PCollection<KV<Integer, Iterable<KV<String, String>>>> byShard(PCollection<KV<String, String>> g,
      String name, boolean bothDirections) {
    return g.apply(name + "/Emit", ParDo.of(new DoFn<KV<String, String>, KV<Integer, KV<String, String>>>() {
          @ProcessElement
          public void process(@Element KV<String, String> e, OutputReceiver<KV<Integer, KV<String, String>>> out) {
            String u = e.getKey();
            String v = e.getValue();
            int c = u.compareTo(v);
            if (c == 0) {
              return;
            }
            String big = c > 0 ? u : v;
            String small = c > 0 ? v : u;
            out.output(KV.of(JoinStories.shard(big, shards), KV.of(big, small)));
            if (bothDirections) {
              out.output(KV.of(JoinStories.shard(small, shards), KV.of(small, big)));
            }
          }
        })).setCoder(KvCoder.of(VarIntCoder.of(), PAIR))
        .apply(name + "/Group", GroupByKey.create());
  }

  /**
   * Large star: node u links every larger neighbour to m = min(N(u) + u). Small star: node u links itself and its
   * smaller neighbours to m = min(smaller neighbours + u). Both keep connectivity; alternating them converges to
   * stars around each component's minimum.
   */
  private PCollection<KV<String, String>> star(PCollection<KV<String, String>> g, String name, boolean large,
      int round) {
    return byShard(g, name, large)
        .apply(name, ParDo.of(new DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>>() {
          private final Counter changed =
              Metrics.counter(JoinStories.NS, "componentRound" + round + (large ? "Large" : "Small") + "Changes");

          @ProcessElement
          public void process(@Element KV<Integer, Iterable<KV<String, String>>> s,
              OutputReceiver<KV<String, String>> out) {
            for (Map.Entry<String, List<String>> n : JoinStories.byKey(s.getValue()).entrySet()) {
              String u = n.getKey();
              TreeSet<String> nb = new TreeSet<>(n.getValue());
              String m = nb.first().compareTo(u) < 0 ? nb.first() : u;
              if (large) {
                for (String v : nb.tailSet(u, false)) {
                  out.output(KV.of(v, m));
                  if (!m.equals(u)) {
                    changed.inc();
                  }
                }
              } else {
                // Every neighbour here is smaller than u (edges were sent to their larger end only).
                for (String v : nb) {
                  if (!v.equals(m)) {
                    out.output(KV.of(v, m));
                    changed.inc();
                  }
                }
                if (!u.equals(m)) {
                  out.output(KV.of(u, m));
                }
              }
            }
          }
        })).setCoder(PAIR);
  }
}
