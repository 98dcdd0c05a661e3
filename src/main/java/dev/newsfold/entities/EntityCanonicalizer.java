package dev.newsfold.entities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Folds the mentions of one article into entities: spelling variants ("Kim Jong-Un" = "Kim Jong Un", "U.N." = "UN"),
 * common abbreviations and aliases ("US", "U.S.", "America" = "United States"), and short person references ("Kim",
 * "Shin") when they are the first or last word of exactly one longer PERSON in the article. The entity type is the
 * majority over the folded mentions. Entity ids hash (type, normalised canonical name), so they agree across
 * articles and stories. Pure and deterministic: the same mentions give the same entities in the same order.
 */
public final class EntityCanonicalizer {

  /** One entity of one article. */
  public record CanonicalEntity(String entityId, String name, String type, int mentions, List<String> surfaceForms,
      int firstOffset, double salience, boolean inTitle) {}

  /** Canonical form of a well-known alias: general knowledge, not tuned to any input. */
  private record Alias(String name, String type) {}

  // Compiled once: String.replaceAll/matches compile their pattern on every call (~8% of the entity step).
  // Declared before ALIASES, whose static initialiser already calls key().
  private static final Pattern POSSESSIVE = Pattern.compile("'s$");
  private static final Pattern SPACES_HYPHENS = Pattern.compile("[\\s\\-]+");
  private static final Pattern HYPHEN_OR_PERIOD = Pattern.compile("[-.]");
  private static final Pattern ANY_POSSESSIVE = Pattern.compile("['\u2019]s$");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final Pattern NOT_NAME_CHAR = Pattern.compile("[^\\p{L}\\p{N}.\\-\\s]");

  private static final Map<String, Alias> ALIASES = new HashMap<>();

  private static void alias(String name, String type, String... keys) {
    ALIASES.put(key(name), new Alias(name, type));
    for (String k : keys) {
      ALIASES.put(key(k), new Alias(name, type));
    }
  }

  static {
    String loc = "LOCATION";
    String org = "ORGANIZATION";
    alias("United States", loc, "US", "U.S.", "USA", "U.S.A.", "America", "United States of America");
    alias("United Kingdom", loc, "UK", "U.K.", "Britain", "Great Britain");
    alias("European Union", org, "EU", "E.U.");
    alias("United Nations", org, "UN", "U.N.");
    alias("UN Security Council", org, "U.N. Security Council", "United Nations Security Council",
        "Security Council");
    alias("NATO", org, "Nato", "North Atlantic Treaty Organization");
    alias("North Korea", loc, "DPRK", "Democratic People's Republic of Korea");
    alias("South Korea", loc, "Republic of Korea", "ROK");
    alias("Russia", loc, "Russian Federation");
    alias("China", loc, "PRC", "People's Republic of China");
    alias("United Arab Emirates", loc, "UAE", "U.A.E.");
    alias("Soviet Union", loc, "USSR", "U.S.S.R.");
    // Seats of government named by their building or street stand for the institution (metonymy).
    alias("White House", org);
    alias("Kremlin", org);
    alias("Pentagon", org);
    alias("Downing Street", org);
  }

  /** Titles and honorifics that precede a name but are not part of it. */
  private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord",
      "lady", "sister", "brother", "father", "rev", "prof", "president", "minister", "general", "gen");

  private static final String[] TYPE_ORDER = {"PERSON", "ORGANIZATION", "LOCATION", "MISC"};


  private EntityCanonicalizer() {}

  /**
   * Normalised comparison key: case folded, typographic quotes unified, periods dropped, hyphens and spaces unified,
   * possessive dropped.
   */
  static String key(String surface) {
    String s = NerFeatures.normalize(surface).toLowerCase(Locale.ROOT);
    s = POSSESSIVE.matcher(s).replaceAll("");
    s = s.replace(".", "");
    s = SPACES_HYPHENS.matcher(s).replaceAll(" ").strip();
    return s;
  }

  /** Corpus-wide id: first 16 hex digits of SHA-256 over the type and the key of the canonical name. */
  public static String entityId(String type, String canonicalName) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest((type + "\u0000" + key(canonicalName)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops leading honorifics from a person mention ("Sister Kim Yo Jong" -> "Kim Yo Jong"). */
  static String stripHonorifics(String surface) {
    String s = surface.strip();
    while (true) {
      int sp = s.indexOf(' ');
      if (sp < 0) {
        return s;
      }
      String first = s.substring(0, sp).replace(".", "").toLowerCase(Locale.ROOT);
      if (!HONORIFICS.contains(first)) {
        return s;
      }
      s = s.substring(sp + 1).strip();
    }
  }

  private static final class Group {
    final String key;
    final List<Mention> mentions = new ArrayList<>();
    final List<String> forms = new ArrayList<>();
    final List<String> shortForms = new ArrayList<>();
    final Map<String, Integer> typeVotes = new HashMap<>();
    Alias alias;

    Group(String key) {
      this.key = key;
    }

    String type() {
      if (alias != null) {
        return alias.type();
      }
      String best = null;
      int bestVotes = -1;
      for (String t : TYPE_ORDER) {
        int v = typeVotes.getOrDefault(t, 0);
        if (v > bestVotes) {
          best = t;
          bestVotes = v;
        }
      }
      return best;
    }

    String name() {
      if (alias != null) {
        return alias.name();
      }
      // Most frequent spelling; ties go to the one without hyphens or periods, then the earliest.
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (String f : forms) {
        counts.merge(f, 1, Integer::sum);
      }
      String best = null;
      int bestScore = Integer.MIN_VALUE;
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        int score = e.getValue() * 4 - (HYPHEN_OR_PERIOD.matcher(e.getKey()).find() ? 1 : 0);
        if (score > bestScore) {
          best = e.getKey();
          bestScore = score;
        }
      }
      return best;
    }
  }

  /**
   * Entities of one article, most salient first (ties by name).
   *
   * @param mentions mentions found in the article text, with offsets into it
   * @param title the article title, or null; an entity named in it is more salient
   * @param textLength length of the article text, for the position part of salience
   */
  public static List<CanonicalEntity> canonicalize(List<Mention> mentions, String title, int textLength) {
    List<Mention> sorted = new ArrayList<>(mentions);
    sorted.sort(Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end));
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Mention m : sorted) {
      String form = NerFeatures.normalize(m.text()).strip();
      if (m.type().equals("PERSON")) {
        form = stripHonorifics(form);
      }
      form = ANY_POSSESSIVE.matcher(form).replaceAll("").strip();
      String k = key(form);
      if (k.isEmpty() || !LETTER.matcher(k).find()) {
        continue;
      }
      Alias a = ALIASES.get(k);
      if (a != null) {
        k = key(a.name());
      }
      Group g = groups.computeIfAbsent(k, Group::new);
      g.alias = a;
      g.mentions.add(m);
      g.forms.add(form);
      g.typeVotes.merge(m.type(), 1, Integer::sum);
    }
    foldShortPersonNames(groups);

    List<Group> kept = new ArrayList<>(groups.values());
    int maxMentions = 1;
    for (Group g : kept) {
      maxMentions = Math.max(maxMentions, g.mentions.size());
    }
    String titleKey = title == null ? "" : " " + key(NOT_NAME_CHAR.matcher(title).replaceAll(" ")) + " ";
    List<CanonicalEntity> out = new ArrayList<>();
    for (Group g : kept) {
      String name = g.name();
      String type = g.type();
      int first = Integer.MAX_VALUE;
      for (Mention m : g.mentions) {
        first = Math.min(first, m.start());
      }
      boolean inTitle = false;
      for (String f : g.forms) {
        inTitle |= titleKey.contains(" " + key(f) + " ");
      }
      inTitle |= titleKey.contains(" " + key(name) + " ");
      double position = textLength <= 0 ? 0 : 1.0 - Math.min(1.0, (double) first / textLength);
      double frequency = (double) g.mentions.size() / maxMentions;
      double salience = 0.4 * frequency + 0.35 * position + (inTitle ? 0.25 : 0);
      salience = Math.round(salience * 1e6) / 1e6;
      out.add(new CanonicalEntity(entityId(type, name), name, type, g.mentions.size(),
          List.copyOf(new TreeSet<>(surfaceForms(g))), first, salience, inTitle));
    }
    out.sort(Comparator.comparingDouble(CanonicalEntity::salience).reversed()
        .thenComparing(CanonicalEntity::name).thenComparing(CanonicalEntity::type));
    return out;
  }

  private static int first(Group g) {
    int first = Integer.MAX_VALUE;
    for (Mention m : g.mentions) {
      first = Math.min(first, m.start());
    }
    return first;
  }

  private static List<String> surfaceForms(Group g) {
    List<String> s = new ArrayList<>();
    s.addAll(g.forms);
    s.addAll(g.shortForms);
    return s;
  }

  /**
   * Folds a one-word group ("Kim", "Shin") into the single longer PERSON whose first or last word it is; leaves it
   * alone when no or several such people are in the article (then it is ambiguous).
   */
  private static void foldShortPersonNames(Map<String, Group> groups) {
    List<Group> people = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.type().equals("PERSON") && g.key.contains(" ")) {
        people.add(g);
      }
    }
    Map<String, String> foldInto = new TreeMap<>();
    Set<String> crossType = new java.util.HashSet<>();
    for (Group g : groups.values()) {
      if (g.key.contains(" ") || g.alias != null) {
        continue;
      }
      boolean person = g.type().equals("PERSON");
      Group target = null;
      int matches = 0;
      for (Group p : people) {
        String[] words = p.key.split(" ");
        // A short form typed otherwise ("Bevin" as a place) is still the person's surname when the full name was
        // introduced first, as news style does; an earlier bare mention is more likely something else.
        boolean introduced = first(p) < first(g);
        if ((words[0].equals(g.key) || words[words.length - 1].equals(g.key)) && (person || introduced)) {
          target = p;
          matches++;
        }
      }
      if (matches == 1) {
        foldInto.put(g.key, target.key);
        if (!person) {
          crossType.add(g.key);
        }
      }
    }
    for (Map.Entry<String, String> e : foldInto.entrySet()) {
      Group from = groups.remove(e.getKey());
      Group to = groups.get(e.getValue());
      to.mentions.addAll(from.mentions);
      to.shortForms.addAll(from.forms);
      // Short forms of the same type vote for it; none compete for the canonical name.
      if (crossType.contains(e.getKey())) {
        continue;
      }
      for (Map.Entry<String, Integer> v : from.typeVotes.entrySet()) {
        to.typeVotes.merge(v.getKey(), v.getValue(), Integer::sum);
      }
    }
  }
}
