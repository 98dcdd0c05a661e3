package dev.newsfold.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rule-based tokenizer that reproduces the CoNLL-2003 (Reuters, Penn-Treebank-like) token conventions the name
 * model was trained on: hyphenated words stay whole ("Jong-Un", "North Korea-supplied"), dotted abbreviations keep
 * their periods ("U.S.", "U.N.", "Mr."), numbers keep separators ("7,000", "1996-08-22"), possessive and negation
 * clitics are split off ("Korea 's", "do n't"). OpenNLP's UD tokenizer model splits "Jong-Un's" into "Jong" "-Un's"
 * and "U.N." into "U.N" ".", forms the model never saw in training, so the runtime path uses this instead.
 */
public final class NerTokenizer {

  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "adm", "rep", "sen",
      "gov", "prof", "rev", "inc", "corp", "co", "ltd", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "vs", "etc", "no", "mt", "ft", "ave", "blvd", "messrs", "u.s", "u.n", "u.k");

  private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile("(?:\\p{L}\\.)+\\p{L}");

  private NerTokenizer() {}

  static List<Token> tokenize(String s) {
    return tokenize(s, 0, s.length());
  }

  /** The tokens of {@code s} as OpenNLP spans, for callers outside this package. */
  public static opennlp.tools.util.Span[] spans(String s) {
    List<Token> tokens = tokenize(s);
    opennlp.tools.util.Span[] out = new opennlp.tools.util.Span[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new opennlp.tools.util.Span(tokens.get(i).start(), tokens.get(i).end());
    }
    return out;
  }

  static List<Token> tokenize(String s, int from, int to) {
    List<Token> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
        continue;
      }
      int end;
      if (isApostrophe(c) && cliticEnd(s, i, to) > 0) {
        end = cliticEnd(s, i, to);
      } else if (Character.isLetterOrDigit(c)) {
        end = wordEnd(s, i, to);
        if (end < to && s.charAt(end) == '$' && end - i <= 3 && isUpper(s, i, end)) {
          end++; // currency prefixes, as in the training text: "A$", "HK$", "US$"
        }
      } else {
        end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
        // Runs of the same punctuation ("--", "...") form one token, as in the training text.
        if (c == '-' || c == '.' || c == '=' || c == '*') {
          while (end < to && s.charAt(end) == c) {
            end++;
          }
        }
      }
      out.add(new Token(s.substring(i, end), i, end));
      i = end;
    }
    return out;
  }

  private static int wordEnd(String s, int start, int to) {
    int i = start;
    while (i < to) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
        i++;
        continue;
      }
      char next = i + 1 < to ? s.charAt(i + 1) : ' ';
      char prev = s.charAt(i - 1);
      boolean nextAlnum = Character.isLetterOrDigit(next);
      if ((c == '-' || c == '\u2010' || c == '\u2011' || c == '&') && nextAlnum) {
        i++;
      } else if (c == '.' && nextAlnum) {
        i++; // 3.5, U.S (final period decided below), www.example.com
      } else if ((c == ',' || c == ':' || c == '/') && Character.isDigit(prev) && Character.isDigit(next)) {
        i++;
      } else if (isApostrophe(c)) {
        if (cliticEnd(s, i, to) > 0) {
          break;
        }
        if ((next == 't' || next == 'T') && (prev == 'n' || prev == 'N') && i - 1 > start
            && !Character.isLetter(i + 2 < to ? s.charAt(i + 2) : ' ')) {
          return i - 1; // "don't" -> "do" + "n't"
        }
        if (Character.isLetter(next) && Character.isLetter(prev)) {
          i++; // O'Neill
        } else {
          break;
        }
      } else if (c == '.') {
        String word = s.substring(start, i);
        if (isAbbreviation(word)) {
          i++;
        }
        break;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isAbbreviation(String word) {
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // initials: "John F. Kennedy"
    }
    if (DOTTED.matcher(word).matches()) {
      return true; // U.S, U.N, e.g
    }
    return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
  }

  /** What follows the apostrophe of a clitic split off its word ('s, 're, 've, 'll, 'd, 'm; n't is split apart). */
  private static final String[] CLITICS = {"s", "re", "ve", "ll", "d", "m"};

  /** Whether a token is a clitic this tokenizer splits off its word ("'s", "’re", "n't"), in any case. */
  public static boolean isClitic(String token) {
    if (token.length() == 3 && (token.charAt(0) == 'n' || token.charAt(0) == 'N') && isApostrophe(token.charAt(1))
        && (token.charAt(2) == 't' || token.charAt(2) == 'T')) {
      return true;
    }
    if (token.length() < 2 || !isApostrophe(token.charAt(0))) {
      return false;
    }
    for (String cl : CLITICS) {
      if (token.length() == 1 + cl.length() && token.regionMatches(true, 1, cl, 0, cl.length())) {
        return true;
      }
    }
    return false;
  }

  /** End of a clitic token ('s, 're, 've, 'll, 'd, 'm, n't) starting at an apostrophe, or -1. */
  private static int cliticEnd(String s, int i, int to) {
    for (String cl : CLITICS) {
      int e = i + 1 + cl.length();
      if (e <= to && s.regionMatches(true, i + 1, cl, 0, cl.length())
          && (e == to || !Character.isLetterOrDigit(s.charAt(e)))
          && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
        return e;
      }
    }
    return -1;
  }

  private static boolean isUpper(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isUpperCase(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }
}
