package dev.newsfold.claims;

import dev.newsfold.entities.GreedyPosTagger;
import dev.newsfold.entities.NerTokenizer;
import dev.newsfold.entities.OpenNlpModels;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.util.Span;

/** Splits text into paragraphs and sentences, tokenises and POS-tags them. Not thread-safe: one per worker. */
final class Tagger {
  private final SentenceDetectorME sentences = new SentenceDetectorME(OpenNlpModels.sentences());
  // OpenNLP's UD POS model decoded greedily: about 3x faster than POSTaggerME's beam; see AttributionEvaluation.
  private final GreedyPosTagger pos = new GreedyPosTagger();

  /** Every sentence of the text; paragraphs are runs of text separated by blank lines (single newlines too). */
  List<TaggedSentence> sentences(String text) {
    List<TaggedSentence> out = new ArrayList<>();
    int paragraph = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int nl = text.indexOf('\n', i);
      int pEnd = nl < 0 ? n : nl;
      if (!text.substring(i, pEnd).isBlank()) {
        String para = text.substring(i, pEnd);
        Span[] spans = wholeQuoteMarks(para, sentences.sentPosDetect(forSentenceModel(para)));
        for (Span s : joinAfterAbbreviations(para, spans)) {
          TaggedSentence ts = tag(text, i + s.getStart(), i + s.getEnd(), paragraph);
          if (ts != null) {
            out.add(ts);
          }
        }
        paragraph++;
      }
      i = pEnd + 1;
    }
    return out;
  }

  /**
   * The paragraph as the sentence model should see it, same length. Some archives write quotation marks as two
   * apostrophes, which the model does not know: it ran "... his book ''The Art of the Deal.'' Mr. Trump said ..."
   * together as one sentence. Each pair becomes a double quotation mark plus a space on its outer side.
   */
  static String forSentenceModel(String para) {
    int at = para.indexOf("''");
    if (at < 0) {
      return para;
    }
    char[] c = para.toCharArray();
    for (; at >= 0; at = para.indexOf("''", at + 2)) {
      boolean opening = at == 0 || Character.isWhitespace(c[at - 1]);
      c[at] = opening ? ' ' : '"';
      c[at + 1] = opening ? '"' : ' ';
    }
    return new String(c);
  }

  /** The sentence model's spans with any two-apostrophe mark that {@link #forSentenceModel} cut in half made whole. */
  static Span[] wholeQuoteMarks(String para, Span[] spans) {
    for (int k = 0; k < spans.length; k++) {
      int start = spans[k].getStart();
      int end = spans[k].getEnd();
      if (start > 0 && para.charAt(start - 1) == '\'' && para.charAt(start) == '\'') {
        start--;
      }
      if (end < para.length() && para.charAt(end) == '\'' && para.charAt(end - 1) == '\'') {
        end++;
      }
      spans[k] = new Span(start, end);
    }
    return spans;
  }

  private static final java.util.regex.Pattern TITLE_ABBREVIATION = java.util.regex.Pattern.compile(
      "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|Jr|Sr|Lt|Atty|Gens|Sens|Reps");

  private static final String NOT_NAME_TAGS = ",NOUN,PROPN,PRON,DET,ADP,SCONJ,CCONJ,AUX,PUNCT,PART,NUM,SYM,";

  // The sentence model sometimes ends a sentence at a title abbreviation ("said that Mrs. | Clinton ...").
  private static final java.util.regex.Pattern ABBREVIATION = java.util.regex.Pattern.compile(
      "(?:^|\\W)(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|St|Jr|Sr|Mt|Ft|No|Vol|Ave|v|vs)\\.$");

  private static java.util.List<Span> joinAfterAbbreviations(String para, Span[] spans) {
    java.util.List<Span> out = new java.util.ArrayList<>();
    for (Span sp : spans) {
      if (!out.isEmpty()) {
        Span last = out.get(out.size() - 1);
        String lastText = para.substring(last.getStart(), last.getEnd());
        // ... or anywhere the next part opens in lower case: after a state's or party's abbreviation ("Sen. Claire
        // McCaskill (D-Mo.) | said", "Marco Rubio, R-Fla., | appearing on ...") or a quote's own question or
        // exclamation mark ('"He's dangerous!" | said Tom Burke').
        if (ABBREVIATION.matcher(lastText).find() || Character.isLowerCase(para.charAt(sp.getStart()))) {
          out.set(out.size() - 1, new Span(last.getStart(), sp.getEnd()));
          continue;
        }
      }
      out.add(sp);
    }
    return out;
  }

  /** Whether a token read as part of the one it touches on the left (see {@link #tag}). */
  private static boolean joins(String previous, String piece) {
    return NerTokenizer.isClitic(piece)
        || (piece.equals("'") || piece.equals("`")) && previous.equals(piece)
        || piece.equals(".") && TITLE_ABBREVIATION.matcher(previous).matches();
  }

  /**
   * "Sanders' spokesman", "the voters’ choice": an apostrophe after a word ending in s, before the next word, is a
   * possessive, not a closing quote, unless a single quotation opened earlier in the sentence ('... the polls' ...).
   */
  static boolean pluralPossessive(String s, int wordStart, int at, int end) {
    char c = s.charAt(at);
    if (end != at + 1 || c != '\'' && c != '’' || at - wordStart < 2
        || Character.toLowerCase(s.charAt(at - 1)) != 's' || !Character.isLetter(s.charAt(at - 2))
        || end + 1 >= s.length() || s.charAt(end) != ' ' || !Character.isLetter(s.charAt(end + 1))) {
      return false;
    }
    for (int i = 0; i < wordStart; i++) {
      char q = s.charAt(i);
      if ((q == '\'' || q == '‘') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
          && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
        return false;
      }
    }
    return true;
  }

  /** Tags a single span of text as one sentence. */
  TaggedSentence tag(String text, int start, int end, int paragraph) {
    String s = text.substring(start, end);
    Span[] spans = NerTokenizer.spans(s);
    if (spans.length == 0) {
      return null;
    }
    // The name model's rule tokenizer (same PolNeAR figures as OpenNLP's token model, a fifth less claims CPU) keeps
    // "14.4", "7,000", "four-day" and "U.S." whole. The claim rules read a clitic as part of its word ("Trump's",
    // "don't"), two apostrophes (or backticks) as one quote mark, and a title with its period ("Atty.").
    java.util.List<int[]> merged = new java.util.ArrayList<>();
    for (Span sp : spans) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last[1] == sp.getStart() && (joins(s.substring(last[0], last[1]),
          s.substring(sp.getStart(), sp.getEnd())) || pluralPossessive(s, last[0], sp.getStart(), sp.getEnd()))) {
        last[1] = sp.getEnd();
        continue;
      }
      merged.add(new int[] {sp.getStart(), sp.getEnd()});
    }
    String[] tokens = new String[merged.size()];
    int[] starts = new int[merged.size()];
    int[] ends = new int[merged.size()];
    for (int k = 0; k < tokens.length; k++) {
      tokens[k] = s.substring(merged.get(k)[0], merged.get(k)[1]);
      starts[k] = start + merged.get(k)[0];
      ends[k] = start + merged.get(k)[1];
    }
    String[] tags = pos.tag(tokens);
    // The tagger reads a sentence-initial name before a verb as a verb ("Trump said"): a capitalised first word
    // directly followed by a verb is a proper noun.
    if (tags.length > 1 && NOT_NAME_TAGS.indexOf("," + tags[0] + ",") < 0 && !tokens[0].isEmpty()
        && Character.isUpperCase(tokens[0].charAt(0)) && (tags[1].equals("VERB") || tags[1].equals("AUX"))) {
      tags[0] = "PROPN";
    }
    // ... and a first name read as a verb before the surname ("Ann/VERB Compton, who ...").
    if (tags.length > 2 && tags[0].equals("VERB") && tags[1].equals("PROPN") && Character.isUpperCase(tokens[0].charAt(0))
        && !tokens[0].endsWith("ing") && !tokens[0].endsWith("ed") && !tokens[0].endsWith("s")
        && (tags[2].equals("PROPN") || tokens[2].equals(","))) {
      tags[0] = "PROPN";
    }
    return new TaggedSentence(text, start, end, paragraph, tokens, starts, ends, tags);
  }
}
