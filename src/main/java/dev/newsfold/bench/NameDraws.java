package dev.newsfold.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The names a generated corpus gives its stories, drawn so that the vocabulary of names keeps growing with the corpus
 * as it does in real news.
 *
 * <p>A fixed pool would not: CoNLL-2003's Reuters text has ~6.8k distinct capitalised names, so a corpus of 100k
 * articles drawing from that pool alone makes every name common, and unrelated stories share their key names far
 * more often than real coverage of different events does. Real names follow Heaps' law: over CoNLL-2003 the number
 * of distinct names grows as (mentions)^0.65-0.8. A Pitman-Yor process does the same: each draw is a new name with
 * probability {@code (theta + d * K) / (n + theta)} after n draws of K names, otherwise an earlier name in proportion
 * to {@code count - d}, so K grows as n^d. New names are the pool's own names first (in a shuffled order), then
 * made by joining the head of one pool name to the tail of another ("Mandela" + "Hussein" -> "Mandssein").
 */
public final class NameDraws {
  /** Heaps exponent and concentration fitted to CoNLL-2003 train: 6,765 names in 27,355 mentions, growth ~0.65. */
  public static final double DISCOUNT = 0.65;
  public static final double CONCENTRATION = 150;

  private final Random random;
  private final List<String> pool;
  private final double discount;
  private final double concentration;
  private final List<String> names = new ArrayList<>();
  private final Set<String> known = new HashSet<>();
  private int[] counts = new int[1024];
  private int[] draws = new int[1024]; // index of the name of every draw: a uniform pick is a pick by count
  private int n;

  public NameDraws(List<String> pool, Random random) {
    this(pool, random, DISCOUNT, CONCENTRATION);
  }

  NameDraws(List<String> pool, Random random, double discount, double concentration) {
    if (pool.size() < 2) {
      throw new IllegalArgumentException("need at least two pool names");
    }
    this.random = random;
    this.pool = new ArrayList<>(pool);
    Collections.shuffle(this.pool, random);
    this.discount = discount;
    this.concentration = concentration;
  }

  /** The next name. */
  public String draw() {
    int k = names.size();
    int i;
    if (k == 0 || random.nextDouble() * (n + concentration) < concentration + discount * k) {
      i = k;
      String name = k < pool.size() ? pool.get(k) : invent();
      names.add(name);
      known.add(name);
      if (i == counts.length) {
        counts = Arrays.copyOf(counts, 2 * i);
      }
    } else {
      do { // by count, then kept with probability (count - d) / count
        i = draws[random.nextInt(n)];
      } while (random.nextDouble() * counts[i] >= counts[i] - discount);
    }
    counts[i]++;
    if (n == draws.length) {
      draws = Arrays.copyOf(draws, 2 * n);
    }
    draws[n++] = i;
    return names.get(i);
  }

  /** Distinct names drawn so far. */
  public int distinct() {
    return names.size();
  }

  /** A head of one pool name and the tail of another; each clash adds another tail, so a small pool cannot stall. */
  private String invent() {
    String head = pool.get(random.nextInt(pool.size()));
    StringBuilder name = new StringBuilder(head.substring(0, 2 + random.nextInt(Math.max(1, head.length() - 2))));
    do {
      String tail = pool.get(random.nextInt(pool.size()));
      name.append(tail, Math.min(2, tail.length() - 1), tail.length());
    } while (!known.add(name.toString()));
    return name.toString();
  }
}
