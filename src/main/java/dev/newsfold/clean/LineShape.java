package dev.newsfold.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Shape features of one line of page text: the general signals the chrome rules are built from. */
public final class LineShape {

  /** Function words that stay lower-case in Title Case headlines. */
  private static final Set<String> SMALL_WORDS = Set.of("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in",
      "on", "at", "for", "with", "by", "from", "as", "vs", "vs.", "via", "per", "into", "onto", "over", "up", "off");

  /** English stop words, for topic overlap (content words only). */
  static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at",
      "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
      "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your",
      "not", "no", "will", "would", "can", "could", "should", "may", "might", "do", "does", "did", "than", "then",
      "there", "here", "who", "what", "when", "where", "which", "why", "how", "all", "any", "some", "more", "most",
      "also", "after", "before", "about", "into", "over", "said", "says", "say", "new", "one", "two", "out", "up");

  private static final Pattern CREDIT = Pattern.compile(
      "(?i)(\\|\\s*(photo|image|picture|pic|video|credit|file|graphic)s?\\b)"
          + "|(^(photo|image|picture|file photo|credit|source|caption)s?\\s*:)"
          + "|(\\((photo|image|picture|credit|file)s?\\s*:?[^)]*\\)\\s*$)"
          + "|([-–—|/]\\s*(getty images|shutterstock|alamy|afp|ap|reuters|epa|ians|pti|ani)(\\s*(photo|images|file|via .*))?\\s*$)"
          + "|(\\b(getty images|shutterstock|alamy stock|istock)\\b)"
          + "|(\\b(photo|image|picture)s?\\s+(by|credit|courtesy)\\b)");
  /** Calls to action that page widgets address to the reader (an imperative UI verb opening a short line). */
  private static final Pattern CALL_TO_ACTION = Pattern.compile("(?i)^(sign up|subscribe|click|tap|follow us|follow"
      + " @|read (more|also|next|the full)|also read|watch|listen|download|share (this|on)|join (us|our)|get (our|the"
      + " latest)|register|log ?in|continue reading|related|recommended|see also|more from|advertisement|sponsored)\\b");
  private static final Pattern POSITION_MARKERS = Pattern.compile("\\((?:R|L|C|left|right|centre|center|front)\\)");
  private static final Pattern WIDGET = Pattern.compile("^[a-z0-9]+(?:[_\\-][a-z0-9]+)+$|^[a-z]+[A-Z][A-Za-z]*$|^[a-z]{2,}$");
  private static final Pattern BYLINE = Pattern.compile("^(?i:by)\\s+\\p{Lu}[\\p{L}.'’\\-]*(?:[ ,]+(?:and\\s+)?\\p{Lu}[\\p{L}.'’\\-]*){0,5}(?:\\s*[,|/–—-]\\s*.{0,40})?$");
  private static final Pattern LIST_MARK = Pattern.compile("^\\s*(\\d{1,3}[.)]|[•·▪●\\-*])\\s+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.\\-]*");

  final String text;
  final List<String> words;
  final boolean sentenceEnd;
  private Boolean credit;
  private Set<String> contentWords;

  LineShape(String text) {
    this.text = text;
    this.words = words(text);
    this.sentenceEnd = endsSentence(text);
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    var m = WORD.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  int wordCount() {
    return words.size();
  }

  /** Ends like prose: a full stop, question or exclamation mark, possibly inside closing quotes. */
  static boolean endsSentence(String text) {
    String t = text.strip();
    int i = t.length() - 1;
    while (i >= 0 && ("\"”’')]".indexOf(t.charAt(i)) >= 0 || t.charAt(i) == ' ')) {
      i--;
    }
    // A trailing ellipsis marks a truncated teaser, not the end of a sentence.
    if (i >= 0 && (t.charAt(i) == '…' || (i >= 2 && t.startsWith("...", i - 2)))) {
      return false;
    }
    return i >= 0 && ".!?".indexOf(t.charAt(i)) >= 0;
  }

  /** Share of words (ignoring small function words) that start with a capital letter. */
  double titleCaseRatio() {
    int counted = 0;
    int capital = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (i > 0 && SMALL_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (!Character.isLetter(w.charAt(0))) {
        continue;
      }
      counted++;
      if (Character.isUpperCase(w.charAt(0))) {
        capital++;
      }
    }
    return counted == 0 ? 0 : (double) capital / counted;
  }

  /**
   * Headline styling: most words capitalised and no full stop (teasers, related-article links, list headlines). A line
   * that is mostly numbers is a table row or a score line, not a headline.
   */
  boolean headlineStyle() {
    return wordCount() >= 4 && !text.strip().endsWith(".") && titleCaseRatio() >= 0.75 && !mostlyNumbers();
  }

  boolean mostlyNumbers() {
    int digits = 0;
    for (String w : words) {
      digits += !w.isEmpty() && Character.isDigit(w.charAt(0)) ? 1 : 0;
    }
    return digits * 2 >= words.size();
  }

  /** A paragraph of prose: long enough, ends like a sentence, not styled as a headline. */
  boolean prose() {
    return wordCount() >= 10 && sentenceEnd && !headlineStyle();
  }

  boolean shortSentence() {
    return wordCount() >= 3 && sentenceEnd && !headlineStyle();
  }

  /** Photo captions and credits. Only short lines are tested: captions are short, and prose is the costly case. */
  boolean credit() {
    if (credit == null) {
      credit = text.length() <= 300
          && (CREDIT.matcher(text).find() || (!sentenceEnd && POSITION_MARKERS.matcher(text).find()));
    }
    return credit;
  }

  /** A lone identifier-like token: icon names and UI labels leaked from markup ("info_icon", "shareButton"). */
  boolean widget() {
    String t = text.strip();
    return !t.contains(" ") && WIDGET.matcher(t).matches();
  }

  boolean callToAction() {
    return wordCount() <= 15 && CALL_TO_ACTION.matcher(text.strip()).find();
  }

  boolean byline() {
    return wordCount() <= 8 && !sentenceEnd && BYLINE.matcher(text.strip()).matches();
  }

  boolean listItem() {
    return LIST_MARK.matcher(text).find();
  }

  /** Lower-cased content words (no stop words, no short tokens). */
  Set<String> contentWords() {
    if (contentWords != null) {
      return contentWords;
    }
    Set<String> out = new HashSet<>();
    for (String w : words) {
      String lw = w.toLowerCase(Locale.ROOT);
      if (lw.length() > 2 && lw.charAt(lw.length() - 1) == 's'
          && (lw.charAt(lw.length() - 2) == '\'' || lw.charAt(lw.length() - 2) == '’')) {
        lw = lw.substring(0, lw.length() - 2);
      }
      if (lw.length() >= 3 && !STOP_WORDS.contains(lw) && !lw.chars().allMatch(Character::isDigit)) {
        out.add(stem(lw));
      }
    }
    contentWords = out;
    return out;
  }

  /** A crude stem: the first five letters, enough for "inspected"/"inspections" and "Korea"/"Korean" to meet. */
  static String stem(String w) {
    return w.length() > 5 ? w.substring(0, 5) : w;
  }

  /** Normalised key for comparing lines across a page and across pages: lower case, letters and digits only. */
  public static String key(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toLowerCase(c));
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
        out.append(' ');
      }
    }
    return out.toString().strip();
  }
}
