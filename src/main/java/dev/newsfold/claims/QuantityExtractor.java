package dev.newsfold.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rule-based quantity extraction over POS-tagged tokens: digits ("7,000", "1.5"), number words ("two", "twenty-five",
 * "a dozen"), scale words ("million", "bln"), currencies ("$3 billion", "5 mln dlrs"), percentages, ranges ("10 to
 * 15", "between 5 and 10") and a preceding qualifier ("about", "more than"). The unit is the currency, "percent", or
 * the counted noun that follows ("7,000 containers", "two Russian individuals"). Years, days of the month and numbers
 * inside names ("Hwasong-11") are time references or names, not quantities.
 */
public final class QuantityExtractor {
  private static Set<String> words(String... w) { return Set.copyOf(java.util.Arrays.asList(w)); }

  private final Tagger tagger;

  private QuantityExtractor(Tagger tagger) { this.tagger = tagger; }

  public static QuantityExtractor create() { return new QuantityExtractor(new Tagger()); }

  static QuantityExtractor withTagger(Tagger tagger) { return new QuantityExtractor(tagger); }

  /** Quantities in one sentence; spans are offsets into {@code sentence}. */
  public List<QuantityMention> extract(String sentence) {
    TaggedSentence s = tagger.tag(sentence, 0, sentence.length(), 0);
    return s == null ? List.of() : extract(s);
  }

  private static final Pattern DIGITS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?|\\.\\d+");
  private static final Pattern DIGIT_RANGE = Pattern.compile("(\\d[\\d,.]*)[-\u2013](\\d[\\d,.]*)");
  private static final Pattern GLUED = Pattern.compile("(\\d[\\d,.]*)(bn|m|mn|k|%|pct)", Pattern.CASE_INSENSITIVE);

  private static final Pattern SLASH_FRACTION = Pattern.compile("(\\d{1,2})/(\\d{1,2})");
  // "four-day", "1,750-hectare", "20-minute", "101-member": a number glued to the unit it measures.
  private static final Pattern HYPHEN_MEASURE = Pattern.compile("([\\d,.]+|[a-z]+)-([a-z]+)(-[a-z]+)*");
  static final Map<String, Double> FRACTION = Map.of("half", 0.5, "halves", 0.5, "third", 1 / 3.0, "thirds",
      1 / 3.0, "quarter", 0.25, "quarters", 0.25, "fifth", 0.2, "fifths", 0.2);

  /** "two-thirds", "three-quarters". */
  private static Double hyphenFraction(String t) {
    int dash = t.indexOf('-');
    if (dash <= 0) {
      return null;
    }
    Integer num = SMALL.get(t.substring(0, dash));
    Double den = FRACTION.get(t.substring(dash + 1));
    return num != null && den != null && num < 10 ? num * den : null;
  }

  static final Map<String, Integer> SMALL = Map.ofEntries(
      Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
      Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
      Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
      Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
      Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
      Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
      Map.entry("ninety", 90), Map.entry("dozen", 12));
  static final Map<String, Double> SCALE = Map.ofEntries(
      Map.entry("hundred", 1e2), Map.entry("thousand", 1e3), Map.entry("million", 1e6), Map.entry("mln", 1e6),
      Map.entry("mn", 1e6), Map.entry("m", 1e6), Map.entry("billion", 1e9), Map.entry("bln", 1e9),
      Map.entry("bn", 1e9), Map.entry("trillion", 1e12), Map.entry("k", 1e3));
  private static final Map<String, String> CURRENCY_SYMBOL = Map.ofEntries(
      Map.entry("$", "USD"), Map.entry("us$", "USD"), Map.entry("£", "GBP"), Map.entry("€", "EUR"),
      Map.entry("¥", "JPY"), Map.entry("c$", "CAD"), Map.entry("a$", "AUD"), Map.entry("hk$", "HKD"),
      Map.entry("nz$", "NZD"), Map.entry("s$", "SGD"), Map.entry("rs", "INR"), Map.entry("dm", "DEM"));
  private static final Map<String, String> CURRENCY_WORD = Map.ofEntries(
      Map.entry("dollars", "USD"), Map.entry("dollar", "USD"), Map.entry("dlrs", "USD"), Map.entry("dlr", "USD"),
      Map.entry("usd", "USD"), Map.entry("euros", "EUR"), Map.entry("euro", "EUR"), Map.entry("eur", "EUR"),
      Map.entry("pounds", "GBP"), Map.entry("sterling", "GBP"), Map.entry("stg", "GBP"), Map.entry("gbp", "GBP"),
      Map.entry("yen", "JPY"), Map.entry("marks", "DEM"), Map.entry("yuan", "CNY"), Map.entry("rupees", "INR"),
      Map.entry("rubles", "RUB"), Map.entry("roubles", "RUB"));
  private static final Map<String, String> UNIT_WORD = Map.ofEntries(
      Map.entry("%", "percent"), Map.entry("percent", "percent"), Map.entry("pct", "percent"),
      Map.entry("per", "percent"));
  // Qualifiers, longest first, each mapped to its class.
  private static final String[][] QUALIFIERS = {
      {"in excess of", "more than"}, {"upwards of", "more than"}, {"as many as", "up to"}, {"as much as", "up to"},
      {"no more than", "up to"}, {"a maximum of", "up to"}, {"no fewer than", "at least"},
      {"a minimum of", "at least"}, {"an estimated", "about"}, {"just over", "more than"},
      {"just under", "nearly"}, {"close to", "nearly"}, {"more than", "more than"}, {"less than", "less than"},
      {"fewer than", "less than"}, {"at least", "at least"}, {"at most", "up to"}, {"up to", "up to"},
      {"about", "about"}, {"around", "about"}, {"approximately", "about"}, {"roughly", "about"}, {"some", "about"},
      {"almost", "nearly"}, {"nearly", "nearly"}, {"over", "more than"}, {"above", "more than"},
      {"under", "less than"}, {"below", "less than"}, {"approx", "about"}, {"estimated", "about"}};
  static final Set<String> MONTHS = words("january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.");
  private static final Set<String> YEAR_PREPS = words("in", "since", "by", "until", "till", "from", "of", "before",
      "after", "during", "through", "early", "late", "mid", "the", "between", "to", "and", "fiscal", "year");
  private static final Set<String> NOT_UNITS = words("of", "and", "or", "to", "in", "on", "at", "for", "the",
      "a", "an", "per");

  /** Quantities in a tagged sentence; spans are offsets into its text. */
  List<QuantityMention> extract(TaggedSentence s) {
    List<QuantityMention> out = new ArrayList<>();
    int n = s.size();
    int i = 0;
    while (i < n) {
      Parsed p = parseAt(s, i);
      if (p == null) {
        i++;
        continue;
      }
      out.add(p.mention);
      i = p.next;
    }
    return out;
  }

  private static final class Parsed {
    final QuantityMention mention;
    final int next;

    Parsed(QuantityMention m, int next) { this.mention = m; this.next = next; }
  }

  /** Numeric value of token i alone (digits, glued forms, number words), or null. */
  private static Double numberToken(TaggedSentence s, int i) {
    String t = s.lower(i);
    if (DIGITS.matcher(t).matches()) {
      return Double.parseDouble(t.replace(",", ""));
    }
    var frac = SLASH_FRACTION.matcher(t);
    if (frac.matches()) {
      double num = Double.parseDouble(frac.group(1));
      double den = Double.parseDouble(frac.group(2));
      return num < den && den <= 16 ? num / den : null; // "1/2", not "1998/99" or "1663/96"
    }
    Integer small = SMALL.get(t);
    if (small != null) {
      return small.doubleValue();
    }
    Double fraction = hyphenFraction(t);
    if (fraction != null) {
      return fraction;
    }
    int dash = t.indexOf('-');
    if (dash > 0) {
      Integer tens = SMALL.get(t.substring(0, dash));
      Integer units = SMALL.get(t.substring(dash + 1));
      if (tens != null && units != null && tens >= 20 && units < 10) {
        return (double) (tens + units);
      }
    }
    return null;
  }

  private Parsed parseAt(TaggedSentence s, int i) {
    int n = s.size();
    int first = i;
    String currency = null;
    String low = s.lower(i);
    if (CURRENCY_SYMBOL.containsKey(low) && i + 1 < n && numberToken(s, i + 1) != null
       ) {
      currency = CURRENCY_SYMBOL.get(low);
      i++;
      low = s.lower(i);
    }
    Double value = null;
    if ((low.equals("one") || low.equals("a")) && i + 1 < n && FRACTION.containsKey(s.lower(i + 1))
        && (i + 2 >= n || s.lower(i + 2).equals("of") || s.tag(i + 2, "PUNCT"))) {
      value = FRACTION.get(s.lower(i + 1)); // "one third", "a quarter of"
      i++;
      low = s.lower(i);
    } else if (low.equals("one") && currency == null && !(i + 1 < n && SCALE.containsKey(s.lower(i + 1)))) {
      return null; // "one source said", "one of the": a determiner or pronoun, not a reported count
    } else {
      value = numberToken(s, i);
    }
    String unit = null;
    boolean range = false;
    int j = i; // last token of the number phrase
    if (value == null) {
      var g = GLUED.matcher(low);
      var r = DIGIT_RANGE.matcher(low);
      if (g.matches()) {
        value = Double.parseDouble(g.group(1).replace(",", ""));
        String suf = g.group(2).toLowerCase(Locale.ROOT);
        if (suf.equals("%") || suf.equals("pct")) {
          unit = "percent";
        } else {
          value *= SCALE.get(suf);
        }
      } else if (r.matches() && !isScoreContext(s, i)) {
        value = Double.parseDouble(r.group(1).replace(",", ""));
        range = true;
      } else if (hyphenMeasure(low) != null) {
        String[] vu = hyphenMeasure(low);
        Double v = vu[0].matches("[\\d,.]+") ? Double.valueOf(vu[0].replace(",", "")) : null;
        if (v == null && SMALL.containsKey(vu[0])) {
          v = SMALL.get(vu[0]).doubleValue();
        }
        if (v == null) {
          return null;
        }
        // A measure used as a modifier: "a four-day visit" is 4 days.
        return new Parsed(new QuantityMention(v, vu[1], null, s.tokens[i], s.starts[i], s.ends[i]), i + 1);
      } else if (low.equals("half") && i + 2 < n && s.lower(i + 1).equals("a") && SCALE.containsKey(s.lower(i + 2))) {
        value = 0.5; // "half a million": the scale loop below multiplies
        i++;
      } else if ((low.equals("a") || low.equals("one")) && i + 1 < n && SCALE.containsKey(s.lower(i + 1))
          && !s.lower(i + 1).equals("m") && !s.lower(i + 1).equals("k")) {
        value = 1.0; // "a million people"
      } else {
        return null;
      }
    }
    if (value == null) {
      return null;
    }
    j = i;
    // Names with numbers ("Hwasong-11", "F-16") and glued alphanumerics are not quantities.
    if (i > 0 && s.starts[i] == s.ends[i - 1] && (s.tokens[i - 1].endsWith("-") || Character.isLetter(
        s.tokens[i - 1].charAt(s.tokens[i - 1].length() - 1))) && currency == null) {
      return null;
    }
    // A number right after a name is part of it ("Windows 95", "Tupolev 154"); one starting a run of capitalised
    // words that ends without a common noun is too ("the 1,000 Lakes Rally").
    if (currency == null && first == i && i > 1 && (s.tag(i - 1, "PROPN") || s.tag(i - 1, "NOUN"))
        && s.isCapitalised(i - 1)
        && !MONTHS.contains(s.lower(i - 1)) && !s.lower(i - 1).equals("us")) {
      return null;
    }
    if (currency == null && i + 2 < n && s.isCapitalised(i + 1) && s.isCapitalised(i + 2)) {
      int k = i + 1;
      while (k < n && s.isCapitalised(k)) {
        k++;
      }
      if (k >= n || !s.tag(k, "NOUN")) {
        return null;
      }
    }
    if (isDateOrYear(s, i, value, currency)) {
      return null;
    }
    // Compound number words and scale words: "two hundred", "1.5 million", "forty-five thousand".
    while (j + 1 < n) {
      String nx = s.lower(j + 1);
      Double sc = SCALE.get(nx);
      if (sc != null && !((nx.equals("m") || nx.equals("k")) && s.starts[j + 1] != s.ends[j])) {
        value *= sc;
        j++;
        continue;
      }
      Integer small = SMALL.get(nx);
      if (small != null && SMALL.containsKey(s.lower(j)) == false && SCALE.containsKey(s.lower(j))
          && !s.lower(j).equals("m")) {
        value += small; // "one hundred five"
        j++;
        continue;
      }
      break;
    }
    // A lone "one" is usually a pronoun ("one of them"), not a count.
    if (j == i && (low.equals("one")) && currency == null) {
      if (j + 1 >= n || s.lower(j + 1).equals("of") || !s.tag(j + 1, "NOUN") && !s.tag(j + 1, "ADJ")) {
        return null;
      }
    }
    // Ranges: "10 to 15", "between 5 and 10", "10-15".
    String qualifier = null;
    if (j + 2 < n && (s.lower(j + 1).equals("to") || s.lower(j + 1).equals("-") || s.lower(j + 1).equals("\u2013")
        || s.lower(j + 1).equals("and") && first > 0 && s.lower(first - 1).equals("between"))
        && numberToken(s, j + 2) != null) {
      range = true;
      j += 2;
      while (j + 1 < n && SCALE.containsKey(s.lower(j + 1)) && !s.lower(j + 1).equals("m")) {
        if (value < 1000 && j >= 0) {
          value *= SCALE.get(s.lower(j + 1)); // "1 to 2 million": the scale applies to both ends
        }
        j++;
      }
    }
    // Unit after the number.
    if (currency == null && unit == null && j + 1 < n) {
      String nx = s.lower(j + 1);
      if (UNIT_WORD.containsKey(nx) && (!nx.equals("per") || j + 2 < n && s.lower(j + 2).equals("cent"))) {
        unit = "percent";
        j += nx.equals("per") ? 2 : 1;
        if (j + 1 < n && s.lower(j + 1).equals("points") && unit.equals("percent")) {
          unit = "percentage points";
          j++;
        }
      } else if (nx.equals("percentage") && j + 2 < n && s.lower(j + 2).startsWith("point")) {
        unit = "percentage points";
        j += 2;
      } else if (CURRENCY_WORD.containsKey(nx)) {
        currency = CURRENCY_WORD.get(nx);
        j++;
        if (nx.equals("pounds") && j + 1 < n && s.lower(j + 1).equals("sterling")) {
          j++;
        }
      } else if (j + 2 < n && (s.lower(j + 2).equals("dollars") || s.lower(j + 2).equals("dlrs"))
          && s.isCapitalised(j + 1) && s.tokens[j + 1].length() <= 10) {
        // "5 Australian dollars", "3 U.S. dlrs"
        String c = s.lower(j + 1).replace(".", "");
        currency = c.equals("us") || c.equals("american") ? "USD" : s.tokens[j + 1] + " dollars";
        j += 2;
      } else {
        unit = countedNoun(s, j + 1);
      }
    } else if (currency != null && j + 1 < n && CURRENCY_WORD.containsKey(s.lower(j + 1))) {
      j++;
    }
    if (currency != null) {
      unit = currency;
    }
    // Qualifier before the number (or before the currency symbol).
    int q = first;
    if (range && q > 0 && s.lower(q - 1).equals("between")) {
      qualifier = "between";
      q--;
    } else if (range) {
      qualifier = "between";
    } else {
      for (String[] cand : QUALIFIERS) {
        String[] words = cand[0].split(" ");
        if (q - words.length < 0) {
          continue;
        }
        boolean ok = true;
        for (int k = 0; k < words.length; k++) {
          if (!s.lower(q - words.length + k).equals(words[k])) {
            ok = false;
            break;
          }
        }
        // "over" / "under" / "above" / "some" only qualify when they directly govern the number.
        if (ok) {
          qualifier = cand[1];
          q -= words.length;
          break;
        }
      }
    }
    int start = s.starts[q];
    int end = s.ends[j];
    return new Parsed(new QuantityMention(value, unit, qualifier, s.text.substring(start, end), start, end), j + 1);
  }

  private static final Set<String> MEASURE_UNITS = words("day", "week", "month", "year", "hour", "minute",
      "second", "mile", "km", "kilometre", "kilometer", "metre", "meter", "foot", "inch", "hectare", "acre",
      "member", "share", "point", "seat", "game", "man", "person", "nation", "party", "stage", "storey", "story",
      "tonne", "ton", "page", "room", "bed", "lane", "mile-long", "yard", "stroke", "round", "set", "match");

  /** {number, unit} of a hyphenated measure ("four-day", "1,750-hectare"), or null ("Hwasong-11", "24-year-old"). */
  private static String[] hyphenMeasure(String t) {
    var m = HYPHEN_MEASURE.matcher(t);
    if (!m.matches() || m.group(3) != null) {
      return null;
    }
    String num = m.group(1);
    String unit = m.group(2);
    boolean numeric = num.matches("\\d[\\d,.]*") || SMALL.containsKey(num) && !num.equals("one");
    return numeric && MEASURE_UNITS.contains(unit) ? new String[] {num, unit} : null;
  }

  /** "3-1" after won/beat/lost or in a results line is a score, not a range. */
  private static boolean isScoreContext(TaggedSentence s, int i) {
    for (int k = Math.max(0, i - 4); k < i; k++) {
      String w = s.lower(k);
      if (w.startsWith("beat") || w.startsWith("won") || w.startsWith("lost") || w.startsWith("draw")
          || w.startsWith("drew") || w.equals("win") || w.equals("defeat") || w.equals("defeated")) {
        return true;
      }
    }
    return false;
  }

  /** Day of the month next to a month name, or a year (1800-2100 after "in", "since", ..., or alone). */
  private static boolean isDateOrYear(TaggedSentence s, int i, double value, String currency) {
    if (currency != null) {
      return false;
    }
    String t = s.tokens[i];
    boolean integer = t.matches("\\d{1,4}");
    if (integer && value >= 1 && value <= 31) {
      if (i > 0 && MONTHS.contains(s.lower(i - 1))) {
        return true;
      }
      if (i + 1 < s.size() && MONTHS.contains(s.lower(i + 1))) {
        return true;
      }
    }
    if (t.matches("\\d{4}") && value >= 1800 && value <= 2100) {
      boolean nounAfter = i + 1 < s.size() && s.tag(i + 1, "NOUN") && !s.lower(i + 1).equals("season");
      if (!nounAfter) {
        return true;
      }
      return i > 0 && (YEAR_PREPS.contains(s.lower(i - 1)) || MONTHS.contains(s.lower(i - 1))
          || s.lower(i - 1).equals(","));
    }
    // Clock times "10:30" come as one token and do not match DIGITS; "10 a.m." is a time.
    return i + 1 < s.size() && (s.lower(i + 1).equals("a.m.") || s.lower(i + 1).equals("p.m.")
        || s.lower(i + 1).equals("gmt") || s.lower(i + 1).equals("am") || s.lower(i + 1).equals("pm"));
  }

  /**
   * The counted noun after a number: skips adjectives and nationality words ("two Russian individuals"), follows
   * "of the" ("two of their three wars"), keeps "sq km" together, and accepts a plural demonym ("half a million
   * Americans").
   */
  private static String countedNoun(TaggedSentence s, int k) {
    int n = s.size();
    if (k + 1 < n && s.lower(k).equals("of")) {
      int x = k + 1;
      String d = s.lower(x);
      if (d.equals("the") || d.equals("their") || d.equals("its") || d.equals("his") || d.equals("her")
          || d.equals("our") || d.equals("these") || d.equals("those") && x + 1 < n && s.tag(x + 1, "NOUN")) {
        int y = x + 1;
        while (y < n && (s.tag(y, "NUM") || s.lower(y).equals("last") || s.lower(y).equals("first"))) {
          y++;
        }
        return countedNoun(s, y);
      }
      return null;
    }
    int limit = Math.min(n, k + 5);
    for (int x = k; x < limit; x++) {
      String w = s.lower(x);
      if (NOT_UNITS.contains(w)) {
        return null;
      }
      if ((w.equals("sq") || w.equals("square")) && x + 1 < n) {
        return "sq " + s.lower(x + 1);
      }
      if (s.tag(x, "NOUN")) {
        // Take the last noun of a noun compound ("minority rights activists").
        int y = x;
        while (y + 1 < n && s.tag(y + 1, "NOUN") && y + 1 < x + 3) {
          y++;
        }
        return s.lower(y);
      }
      boolean capitalised = s.isCapitalised(x);
      if (s.tag(x, "PROPN") && capitalised && w.endsWith("s") && (x + 1 >= n || !s.tag(x + 1, "NOUN")
          && !s.tag(x + 1, "PROPN"))) {
        return w; // "Americans"
      }
      if (s.tag(x, "ADJ") || s.tag(x, "PROPN") && capitalised || s.tag(x, "ADV") && w.equals("more")
          || s.tokens[x].equals("-") || w.equals("additional") || s.tag(x, "VERB") && w.endsWith("ing")
          && x + 1 < n && s.tag(x + 1, "NOUN")) {
        continue;
      }
      return null;
    }
    return null;
  }

}
