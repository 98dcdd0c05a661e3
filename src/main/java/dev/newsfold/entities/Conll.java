package dev.newsfold.entities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads CoNLL-2003 files (TOKEN POS CHUNK NER, IOB1 tags) into sentences with entity spans. */
final class Conll {
  private Conll() {}

  /** A sentence: words and gold spans {start, end, typeIndex} over token positions. */
  record Sentence(String[] words, List<int[]> spans) {}

  static List<Sentence> read(Path file) throws IOException {
    List<Sentence> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("-DOCSTART-")) {
        if (!words.isEmpty()) {
          out.add(new Sentence(words.toArray(new String[0]), spans(tags)));
          words.clear();
          tags.clear();
        }
        continue;
      }
      String[] cols = line.split(" ");
      words.add(cols[0]);
      tags.add(cols[cols.length - 1]);
    }
    if (!words.isEmpty()) {
      out.add(new Sentence(words.toArray(new String[0]), spans(tags)));
    }
    return out;
  }

  static int typeIndex(String t) {
    for (int i = 0; i < NerFeatures.TYPES.length; i++) {
      if (NerFeatures.TYPES[i].equals(t)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown type " + t);
  }

  /** IOB1/IOB2 tags to spans, as conlleval reads them. */
  static List<int[]> spans(List<String> tags) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    String type = null;
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i) : "O";
      String prefix = tag.equals("O") ? "O" : tag.substring(0, 1);
      String ty = tag.equals("O") ? null : tag.substring(2);
      boolean startsNew = !prefix.equals("O") && (prefix.equals("B") || type == null || !ty.equals(type));
      if (type != null && (prefix.equals("O") || startsNew)) {
        out.add(new int[] {start, i, typeIndex(type)});
        type = null;
      }
      if (startsNew) {
        start = i;
        type = ty;
      }
    }
    return out;
  }

  /** BILOU label ids for spans over n tokens. */
  static int[] labels(int n, List<int[]> spans) {
    int[] y = new int[n];
    for (int[] s : spans) {
      if (s[1] - s[0] == 1) {
        y[s[0]] = NerModel.label(s[2], 3);
      } else {
        y[s[0]] = NerModel.label(s[2], 0);
        for (int k = s[0] + 1; k < s[1] - 1; k++) {
          y[k] = NerModel.label(s[2], 1);
        }
        y[s[1] - 1] = NerModel.label(s[2], 2);
      }
    }
    return y;
  }

  /**
   * Document boundaries recovered from the text (this copy has no -DOCSTART- markers): a Reuters story opens with a
   * headline and then a short dateline sentence ending in a date ("BRUSSELS 1996-08-22"). Returns a document index
   * per sentence.
   */
  static int[] documents(List<String[]> sentences) {
    int[] doc = new int[sentences.size()];
    int current = 0;
    for (int i = 0; i < sentences.size(); i++) {
      if (i > 0 && i + 1 < sentences.size() && isDateline(sentences.get(i + 1)) && !isDateline(sentences.get(i))) {
        current++; // sentence i is the next story's headline
      }
      doc[i] = current;
    }
    return doc;
  }

  private static boolean isDateline(String[] words) {
    return words.length <= 7 && words[words.length - 1].matches("\\d{4}-\\d{2}-\\d{2}");
  }
}
