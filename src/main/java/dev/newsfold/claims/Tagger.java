package dev.newsfold.claims;

import dev.newsfold.entities.GreedyPosTagger;
import dev.newsfold.entities.OpenNlpModels;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/** Splits text into paragraphs and sentences, tokenises and POS-tags them. Not thread-safe: one per worker. */
final class Tagger {
  private final SentenceDetectorME sentences = new SentenceDetectorME(OpenNlpModels.sentences());
  private final TokenizerME tokenizer = new TokenizerME(OpenNlpModels.tokenizerAlphaNumericWhole());
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
        for (Span s : joinAfterAbbreviations(para, sentences.sentPosDetect(para))) {
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

  private static final java.util.regex.Pattern GLUE = java.util.regex.Pattern.compile(
      "\\d[\\d,]*\\.\\d*|\\d[\\d,.]*/\\d*|[\\p{L}\\d][\\p{L}\\d,.]*(-[\\p{L}\\d.]*)+");

  private static final java.util.regex.Pattern PUNCT_WITH_QUOTE = java.util.regex.Pattern.compile(
      "[\\p{Punct}“”‘’]*[“”\"][\\p{Punct}“”‘’]*");
  private static final java.util.regex.Pattern APOSTROPHE_QUOTE = java.util.regex.Pattern.compile("[.,?!;:]+''");
  private static final java.util.regex.Pattern TITLE_ABBREVIATION = java.util.regex.Pattern.compile(
      "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|Jr|Sr|Lt|Atty|Gens|Sens|Reps");

  private static final String NOT_NAME_TAGS = ",NOUN,PROPN,PRON,DET,ADP,SCONJ,CCONJ,AUX,PUNCT,PART,NUM,SYM,";

  // The sentence model sometimes ends a sentence at a title abbreviation ("said that Mrs. | Clinton ...").
  private static final java.util.regex.Pattern ABBREVIATION = java.util.regex.Pattern.compile(
      "(?:^|\\W)(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|St|Jr|Sr|Mt|Ft|No|Vol|Ave)\\.$");

  private static java.util.List<Span> joinAfterAbbreviations(String para, Span[] spans) {
    java.util.List<Span> out = new java.util.ArrayList<>();
    for (Span sp : spans) {
      if (!out.isEmpty()) {
        Span last = out.get(out.size() - 1);
        String lastText = para.substring(last.getStart(), last.getEnd());
        if (ABBREVIATION.matcher(lastText).find()) {
          out.set(out.size() - 1, new Span(last.getStart(), sp.getEnd()));
          continue;
        }
      }
      out.add(sp);
    }
    return out;
  }

  /** Tags a single span of text as one sentence. */
  TaggedSentence tag(String text, int start, int end, int paragraph) {
    String s = text.substring(start, end);
    Span[] spans = tokenizer.tokenizePos(s);
    if (spans.length == 0) {
      return null;
    }
    // The UD tokenizer splits "14.4", "1/2" and "four-day"; glue such pieces back when nothing separates them.
    java.util.List<int[]> merged = new java.util.ArrayList<>();
    for (Span sp : spans) {
      String piece = s.substring(sp.getStart(), sp.getEnd());
      if (piece.length() > 1 && PUNCT_WITH_QUOTE.matcher(piece).matches()) {
        // The tokenizer keeps '?”' / '!"' as one token: split it so the closing quote mark is seen as one.
        for (int c = sp.getStart(); c < sp.getEnd(); c++) {
          merged.add(new int[] {c, c + 1});
        }
        continue;
      }
      if (piece.length() > 2 && APOSTROPHE_QUOTE.matcher(piece).matches()) {
        // Archives that write quotes as two apostrophes: "?''" -> "?" + "''" (the closing quote mark).
        for (int c = sp.getStart(); c < sp.getEnd() - 2; c++) {
          merged.add(new int[] {c, c + 1});
        }
        merged.add(new int[] {sp.getEnd() - 2, sp.getEnd()});
        continue;
      }
      if (!merged.isEmpty()) {
        int[] last = merged.get(merged.size() - 1);
        if (last[1] == sp.getStart() && (GLUE.matcher(s.substring(last[0], sp.getEnd())).matches()
            || piece.equals(".") && TITLE_ABBREVIATION.matcher(s.substring(last[0], last[1])).matches())) {
          last[1] = sp.getEnd(); // "Sen" + "." -> "Sen.": a title stays inside the name's noun phrase
          continue;
        }
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
    return new TaggedSentence(text, start, end, paragraph, tokens, starts, ends, tags);
  }
}
