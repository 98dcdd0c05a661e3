package dev.newsfold.stories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tokenisation shared by every fingerprint, so copies and rewrites are compared on the same words.
 * Tokens are runs of letters/digits; digits keep inner separators dropped ("7,000" -> "7000") so numbers match
 * however an outlet formats them.
 */
public final class TextFeatures {
  private TextFeatures() {}

  /** Function words and news filler that say nothing about which event an article tells. */
  static final Set<String> STOPWORDS = new HashSet<>(Arrays.asList((
      "a an the and or but if then else of to in on at by for with from into onto over under about after before "
      + "as is are was were be been being am do does did doing have has had having it its it's this that these those "
      + "he she they them their his her him we us our you your i me my mine not no nor so than too very can could will "
      + "would shall should may might must also just only more most other some such any each all both few many much "
      + "up down out off again further once here there when where why how what which who whom whose while during "
      + "said says say told according new one two s t re ve ll d m get gets got make makes made like via per "
      + "mr mrs ms monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week year years "
      + "day days time report reports reported news update updated video photo photos watch read").split(" ")));

  /** Lower-cased word tokens of {@code text}, in order (stopwords kept: shingles need them). */
  public static List<String> words(String text) {
    return words(text, null, null);
  }

  /**
   * Like {@link #words(String)}, and marks in {@code capitalised} the tokens written with an upper-case first letter
   * and in {@code sentenceStart} those that open a sentence or line (where capitals say nothing about names).
   */
  public static List<String> words(String text, java.util.BitSet capitalised, java.util.BitSet sentenceStart) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    boolean atStart = true;
    StringBuilder cur = new StringBuilder();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (cur.length() == 0) {
          if (capitalised != null && Character.isUpperCase(c)) {
            capitalised.set(out.size());
          }
          if (sentenceStart != null && atStart) {
            sentenceStart.set(out.size());
          }
          atStart = false;
        }
        cur.append(Character.toLowerCase(c));
      } else if ((c == ',' || c == '.') && cur.length() > 0 && Character.isDigit(cur.charAt(cur.length() - 1))
          && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
        // inside a number: "7,000" and "7000" are one token; "3.5" keeps its point
        if (c == '.') {
          cur.append('.');
        }
      } else if (c == '\'' || c == '\u2019') {
        // "Korea's" -> "korea", "don't" -> "don": drop a possessive or clitic tail. Any other tail is part of the
        // word ("O'Brien" -> "obrien"). An apostrophe that follows no letter opens a quotation ("'Cosmos' returns"):
        // the word after it is kept.
        if (cur.length() > 0) {
          int end = i + 1;
          while (end < n && Character.isLetter(text.charAt(end))) {
            end++;
          }
          if (isClitic(text, i + 1, end)) {
            out.add(cur.toString());
            cur.setLength(0);
            i = end - 1;
          }
        }
      } else {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' || c == '\u201c') {
          atStart = true;
        }
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static final Set<String> CLITICS = Set.of("", "s", "t", "re", "ve", "ll", "d", "m");

  /** Whether {@code text[from, to)} is an English clitic or possessive tail ("s", "t", "re", "ve", "ll", "d", "m"). */
  private static boolean isClitic(String text, int from, int to) {
    return to - from <= 2 && CLITICS.contains(text.substring(from, to).toLowerCase(Locale.ROOT));
  }

  /** True for a token that carries content: not a stopword, not a lone letter. */
  public static boolean isContentWord(String w) {
    return w.length() > 1 && !STOPWORDS.contains(w);
  }

  public static boolean isNumber(String w) {
    return !w.isEmpty() && Character.isDigit(w.charAt(0));
  }

  /** Normalised body for exact-copy hashing: words only, so whitespace and punctuation changes do not matter. */
  public static String normalise(String text) {
    return String.join(" ", words(text)).toLowerCase(Locale.ROOT);
  }

  /** 64-bit FNV-1a then a murmur finaliser: a cheap, well-mixed, allocation-free hash of a string. */
  public static long hash64(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix64(h);
  }

  /** Murmur3 fmix64: spreads every input bit over the output. */
  public static long mix64(long z) {
    z ^= z >>> 33;
    z *= 0xff51afd7ed558ccdL;
    z ^= z >>> 33;
    z *= 0xc4ceb93fe53f8b98L;
    z ^= z >>> 33;
    return z;
  }
}
