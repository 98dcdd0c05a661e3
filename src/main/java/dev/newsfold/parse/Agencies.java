package dev.newsfold.parse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises news agencies credited for a text, by their usual names and abbreviations. */
public final class Agencies {

  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    put("AP", "ap", "associated press", "the associated press");
    put("Reuters", "reuters", "thomson reuters");
    put("AFP", "afp", "agence france-presse", "agence france presse");
    put("PTI", "pti", "press trust of india");
    put("IANS", "ians");
    put("ANI", "ani");
    put("Yonhap", "yonhap");
    put("Xinhua", "xinhua");
    put("Kyodo", "kyodo", "kyodo news");
    put("dpa", "dpa", "deutsche presse-agentur");
    put("EFE", "efe");
    put("ANSA", "ansa");
    put("UPI", "upi", "united press international");
    put("Bloomberg", "bloomberg");
    put("TASS", "tass");
    put("CNA", "cna");
  }

  private static final Pattern CREDIT_TRIM = Pattern.compile("^[\\s(—–\\-|]+|[\\s).|]+$");
  private static final Pattern BYLINE_AGENCY =
      Pattern.compile("(?i)(?:^|[,|/(]|\\bby\\b|—|–|-)\\s*(the associated press|associated press|reuters|agence france-presse|afp|ap)\\s*\\)?\\s*$");

  private Agencies() {}

  private static void put(String canonical, String... names) {
    for (String n : names) {
      NAMES.put(n, canonical);
    }
  }

  /** The agency when the whole line is an agency credit ("AP", "Reuters", "(AFP)", "— Associated Press"), else null. */
  public static String ofCreditLine(String line) {
    if (line.length() > 40) {
      return null;
    }
    String s = CREDIT_TRIM.matcher(line.trim()).replaceAll("").toLowerCase(Locale.ROOT);
    return NAMES.get(s);
  }

  /** The agency named by an abbreviation or name, case-insensitively, or null. */
  public static String canonical(String name) {
    return name == null ? null : NAMES.get(name.trim().toLowerCase(Locale.ROOT));
  }

  /** The agency at the end of a byline ("By Kim Tong-Hyung, Associated Press"), or null. */
  public static String ofByline(String byline) {
    Matcher m = BYLINE_AGENCY.matcher(byline);
    return m.find() ? canonical(m.group(1)) : null;
  }
}
