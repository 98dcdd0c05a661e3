package dev.newsfold.claims;

import dev.newsfold.entities.IntList;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Quantity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Aligns the claims of one story: two claims from different articles are the same claim when their content
 * signatures (stemmed content words and numbers) overlap enough; aligned claims share a claim_key (connected
 * components), list each other's articles and outlets, and report conflicting speakers or quantities.
 * Pure logic, independent of Beam; output is independent of input order.
 */
public final class ClaimAligner {
  /** Stories with more claims than this compare only the first ones (by claim_id); the rest stay unaligned. */
  public static final int DEFAULT_MAX_CLAIMS = 2000;

  private final int maxClaims;

  public ClaimAligner(int maxClaims) { this.maxClaims = maxClaims; }

  public ClaimAligner() { this(DEFAULT_MAX_CLAIMS); }

  /** Result of aligning one story; {@code capped} counts claims left out of pairwise comparison. */
  public record Aligned(List<Claim> claims, int capped) {}

  static final Set<String> STOP = Set.copyOf(List.of(("a an the of to in on at for by with from and or but "
      + "that this these those it its is are was were be been being has have had do does did will would can could "
      + "should may might must shall as than then so such not no any all some her his their our we they she he i you "
      + "them us him me my your who which what when where while also only just very more most over about into "
      + "out up said says say").split(" ")));

  /**
   * Content signature: stemmed, lower-cased content words, plus numbers as written without separators. Words are
   * runs of letters, digits, '.', ',' and '-', trimmed of the last three; a word of digits, '.' and ',' is a number,
   * any other splits at hyphens.
   */
  static Set<String> signature(String content) {
    Set<String> out = new HashSet<>();
    String low = content.toLowerCase(Locale.ROOT);
    int n = low.length();
    int i = 0;
    while (i < n) {
      while (i < n && !isWordChar(low.codePointAt(i))) {
        i += Character.charCount(low.codePointAt(i));
      }
      int start = i;
      while (i < n && isWordChar(low.codePointAt(i))) {
        i += Character.charCount(low.codePointAt(i));
      }
      int end = i;
      while (start < end && isPunct(low.charAt(start))) {
        start++;
      }
      while (end > start && isPunct(low.charAt(end - 1))) {
        end--;
      }
      if (start < end) {
        addWord(low.substring(start, end), out);
      }
    }
    return out;
  }

  private static void addWord(String w, Set<String> out) {
    if (STOP.contains(w)) {
      return;
    }
    boolean number = true;
    for (int k = 0; k < w.length() && number; k++) {
      char c = w.charAt(k);
      number = c >= '0' && c <= '9' || c == '.' || c == ',';
    }
    if (number) {
      out.add(w.replace(",", ""));
      return;
    }
    for (int from = 0; from <= w.length(); ) {
      int dash = w.indexOf('-', from);
      int to = dash < 0 ? w.length() : dash;
      String part = w.substring(from, to);
      if (!part.isEmpty() && !STOP.contains(part)) {
        out.add(stem(part));
      }
      from = to + 1;
    }
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetter(cp) || isNumber(cp) || cp == '.' || cp == ',' || cp == '-';
  }

  private static boolean isNumber(int cp) {
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  private static boolean isPunct(char c) {
    return c == '.' || c == ',' || c == '-';
  }

  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      return w.substring(0, w.length() - 3);
    }
    if (w.length() > 4 && w.endsWith("ed")) {
      return w.substring(0, w.length() - (w.endsWith("ied") ? 3 : 2));
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Whether two signatures say the same thing: most of the shorter one is in the longer one. */
  static boolean same(Set<String> a, Set<String> b) {
    int inter = 0;
    for (String x : a) {
      inter += b.contains(x) ? 1 : 0;
    }
    return same(inter, a.size(), b.size());
  }

  /** The same test from the number of words two signatures share and their sizes. */
  static boolean same(int inter, int a, int b) {
    int union = a + b - inter;
    return a > 0 && b > 0 && inter >= 3 && inter >= 0.6 * Math.min(a, b) && inter >= 0.3 * union;
  }

  /** Aligns the claims of one story (all with the same story id); returns new Claim objects. */
  public Aligned align(String storyId, Iterable<Claim> input) {
    List<Claim> claims = new ArrayList<>();
    input.forEach(c -> claims.add(Claim.newBuilder(c).build()));
    claims.sort(Comparator.comparing(Claim::getClaimId));
    int n = Math.min(claims.size(), maxClaims);
    List<Set<String>> sigs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sigs.add(signature(claims.get(i).getContent()));
    }
    int[] parent = new int[claims.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    // Pairs found through an index of signature words: only pairs sharing a word are looked at, and the shared
    // count is what same() needs (the result is that of comparing all pairs).
    Map<String, IntList> postings = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String w : sigs.get(i)) {
        postings.computeIfAbsent(w, k -> new IntList(4)).add(i);
      }
    }
    int[] shared = new int[n];
    IntList touched = new IntList(4);
    for (int i = 0; i < n; i++) {
      for (String w : sigs.get(i)) {
        IntList list = postings.get(w);
        for (int k = list.size() - 1; k >= 0 && list.get(k) > i; k--) {
          int j = list.get(k);
          if (shared[j]++ == 0) {
            touched.add(j);
          }
        }
      }
      for (int t = 0; t < touched.size(); t++) {
        int j = touched.get(t);
        if (!claims.get(i).getArticleId().equals(claims.get(j).getArticleId())
            && same(shared[j], sigs.get(i).size(), sigs.get(j).size())) {
          union(parent, i, j);
        }
        shared[j] = 0;
      }
      touched.clear();
    }
    // Union keeps the smallest index as the root, so the root is the component's first claim by id: a stable key.
    Map<Integer, IntList> members = new HashMap<>();
    for (int i = 0; i < claims.size(); i++) {
      members.computeIfAbsent(find(parent, i), k -> new IntList(4)).add(i);
    }
    List<Claim> out = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      Claim c = claims.get(i);
      int root = find(parent, i);
      IntList component = members.get(root);
      TreeSet<String> articles = new TreeSet<>();
      TreeSet<String> outlets = new TreeSet<>();
      TreeSet<String> conflicts = new TreeSet<>();
      for (int m = 0; m < component.size(); m++) {
        int j = component.get(m);
        Claim o = claims.get(j);
        if (j == i || o.getArticleId().equals(c.getArticleId())) {
          continue;
        }
        articles.add(o.getArticleId());
        if (o.getOutlet() != null && !o.getOutlet().equals(c.getOutlet())) {
          outlets.add(o.getOutlet());
        }
        if (differentSpeakers(c.getSpeaker(), o.getSpeaker())) {
          conflicts.add("speaker: " + o.getSpeaker() + " in " + o.getArticleId());
        }
        for (Quantity q : o.getQuantities()) {
          if (conflictsWith(q, c.getQuantities())) {
            conflicts.add("quantity: " + q.getText() + " in " + o.getArticleId());
          }
        }
      }
      int smallest = component.get(0);
      c.setClaimKey(hex(storyId + "|" + claims.get(smallest).getClaimId()));
      c.setCorroboratingArticles(new ArrayList<>(articles));
      c.setCorroboratingOutlets(new ArrayList<>(outlets));
      c.setConflicts(new ArrayList<>(conflicts));
      out.add(c);
    }
    return new Aligned(out, claims.size() - n);
  }

  /** Speakers conflict when both are known and share no name word (titles and function words aside). */
  static boolean differentSpeakers(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    Set<String> x = nameWords(a);
    Set<String> y = nameWords(b);
    if (x.isEmpty() || y.isEmpty()) {
      return false;
    }
    for (String w : x) {
      if (y.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> nameWords(String s) {
    Set<String> out = new HashSet<>();
    for (String w : s.replaceAll("['’]s\\b", "").split("[^\\p{L}\\p{N}]+")) {
      String low = w.toLowerCase(Locale.ROOT);
      if (!low.isEmpty() && !STOP.contains(low) && !ClaimExtractor.TITLE_WORDS.contains(low)) {
        out.add(low);
      }
    }
    return out;
  }

  /** A quantity conflicts when the other claim counts the same unit with a different value. */
  static boolean conflictsWith(Quantity q, List<Quantity> mine) {
    if (q.getValue() == null || q.getUnit() == null) {
      return false;
    }
    boolean sameUnit = false;
    for (Quantity m : mine) {
      if (m.getValue() == null || m.getUnit() == null || !unit(m.getUnit()).equals(unit(q.getUnit()))) {
        continue;
      }
      sameUnit = true;
      if (Math.abs(m.getValue() - q.getValue()) <= 0.005 * Math.max(Math.abs(m.getValue()), Math.abs(q.getValue()))) {
        return false; // the same number is there
      }
    }
    return sameUnit;
  }

  private static String unit(String u) {
    String x = u.toLowerCase(Locale.ROOT);
    return x.endsWith("s") && x.length() > 3 ? x.substring(0, x.length() - 1) : x;
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private static void union(int[] p, int a, int b) {
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra != rb) {
      p[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  static String hex(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        b.append(String.format("%02x", d[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
