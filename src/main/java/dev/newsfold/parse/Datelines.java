package dev.newsfold.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the dateline off an article's first paragraph: "Seoul: The ...", "SEOUL, South Korea (AP) — The ...",
 * "NEW DELHI, May 17 (Reuters) - The ...".
 */
public final class Datelines {

  /** The place, the agency in parentheses (may be null) and the paragraph without the dateline. */
  public record Dateline(String place, String agency, String rest) {}

  private static final String WORD = "[\\p{Lu}][\\p{L}.'’\\-]*";
  private static final Pattern DATELINE = Pattern.compile(
      "^(?<place>" + WORD + "(?: " + WORD + "){0,3})"
          + "(?:,\\s*(?:" + WORD + "(?: " + WORD + "){0,2})(?:\\s+\\d{1,2})?)?"
          + "\\s*(?:\\((?<agency>[\\p{L} .\\-]{2,30})\\))?"
          + "\\s*(?::|—|–|--|-(?=\\s))\\s*(?<rest>[\\p{Lu}“\"‘'(].*)$");

  /** Words that start sentences with a colon or dash but are not places. */
  private static final Set<String> NOT_PLACES = Set.of("however", "but", "and", "update", "updated", "analysis",
      "opinion", "editorial", "exclusive", "breaking", "watch", "read", "note", "warning", "photo", "video",
      "live", "correction", "comment", "explainer", "q", "a", "the", "this", "in", "on", "at", "for", "to");

  private Datelines() {}

  /** The dateline of {@code paragraph}, or null when it has none. */
  public static Dateline split(String paragraph) {
    if (paragraph.length() < 40) {
      return null;
    }
    Matcher m = DATELINE.matcher(paragraph);
    if (!m.matches()) {
      return null;
    }
    String place = m.group("place");
    String first = place.split(" ")[0].toLowerCase(Locale.ROOT);
    if (NOT_PLACES.contains(first) || m.group("rest").split("\\s+").length < 6) {
      return null;
    }
    String agency = m.group("agency") == null ? null : Agencies.canonical(m.group("agency"));
    if (m.group("agency") != null && agency == null) {
      return null; // "(R) —" or other parentheticals: not a dateline
    }
    return new Dateline(titleCase(place), agency, m.group("rest"));
  }

  /** "SEOUL" → "Seoul", "NEW DELHI" → "New Delhi"; mixed-case names are kept. */
  static String titleCase(String place) {
    if (!place.equals(place.toUpperCase(Locale.ROOT))) {
      return place;
    }
    StringBuilder out = new StringBuilder();
    for (String w : place.toLowerCase(Locale.ROOT).split(" ")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return out.toString();
  }
}
