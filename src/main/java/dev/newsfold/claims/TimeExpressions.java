package dev.newsfold.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds time references in a claim: "since last year", "in March", "May 16", "on Friday", "in 2021". */
final class TimeExpressions {
  private TimeExpressions() {}

  private static final String MONTH = "(?:January|February|March|April|May|June|July|August|September|October"
      + "|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?"
      + "|Dec\\.?)";
  private static final String DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
  private static final String PREP = "(?:(?:since|in|on|by|until|till|from|before|after|during|through|"
      + "earlier|later|as of|early|late|mid-?)\\s+)?";
  private static final String UNIT = "(?:year|month|week|decade|century|quarter|season|summer|winter|spring|autumn"
      + "|fall|weekend|night|morning|evening)";
  static final Pattern TIME = Pattern.compile(
      "\\b(?:" + PREP + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?(?!\\d)"
          + "|" + PREP + "\\d{1,2}\\s+" + MONTH + "(?:\\s+(?:19|20)\\d{2})?"
          + "|(?:since|in|by|until|from|during|early|late|mid-?)\\s+" + MONTH + "(?:\\s+(?:19|20)\\d{2})?"
          + "|" + MONTH + "\\s+(?:19|20)\\d{2}"
          + "|" + PREP + "(?:last|next|this|earlier this|later this|the past|the previous|the coming)\\s+" + UNIT
          + "|" + PREP + "(?:last|next|this|on)\\s+" + DAY + "|" + DAY
          + "|(?:since|in|by|until|from|during|before|after|early|late|mid-?)\\s+(?:19|20)\\d{2}(?:s)?"
          + "|(?:today|yesterday|tomorrow|tonight)"
          + "|(?:\\w+|\\d+)\\s+(?:years|months|weeks|days)\\s+ago)\\b");

  /**
   * Every alternative of {@link #TIME} holds a digit or one of these (a month's first three letters, "day" of the
   * weekdays and today/yesterday, a unit word, "night" of tonight, "tomorrow"): most contents hold none, and
   * checking that is much cheaper than trying the pattern at every position.
   */
  private static final String[] NEEDED = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
      "Dec", "day", "year", "month", "week", "decade", "century", "quarter", "season", "summer", "winter", "spring",
      "autumn", "fall", "night", "morning", "evening", "tomorrow"};

  static boolean mayHoldTime(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    for (String w : NEEDED) {
      if (text.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Time references in order of appearance, as written. */
  static List<String> find(String text) {
    List<String> out = new ArrayList<>();
    if (!mayHoldTime(text)) {
      return out;
    }
    Matcher m = TIME.matcher(text);
    while (m.find()) {
      out.add(m.group().trim());
    }
    return out;
  }
}
