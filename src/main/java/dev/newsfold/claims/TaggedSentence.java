package dev.newsfold.claims;

/** One sentence of a text: tokens with their absolute character offsets and UD POS tags. */
final class TaggedSentence {
  final String text; // the whole input text; offsets below index into it
  final int start;
  final int end;
  final int paragraph; // index of the paragraph (blank-line separated) holding the sentence
  final String[] tokens;
  final int[] starts;
  final int[] ends;
  final String[] tags;

  TaggedSentence(String text, int start, int end, int paragraph, String[] tokens, int[] starts, int[] ends,
      String[] tags) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.paragraph = paragraph;
    this.tokens = tokens;
    this.starts = starts;
    this.ends = ends;
    this.tags = tags;
  }

  int size() { return tokens.length; }

  String sentence() { return text.substring(start, end); }

  String lower(int i) { return tokens[i].toLowerCase(java.util.Locale.ROOT); }

  /** Text from the start of token i to the end of token j (inclusive), as written. */
  String span(int i, int j) { return text.substring(starts[i], ends[j]); }

  boolean tag(int i, String t) { return i >= 0 && i < tags.length && tags[i].startsWith(t); }

  boolean isCapitalised(int i) {
    String t = tokens[i];
    return !t.isEmpty() && Character.isUpperCase(t.charAt(0));
  }
}
