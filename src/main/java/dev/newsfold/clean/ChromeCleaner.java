package dev.newsfold.clean;

import dev.newsfold.parse.Agencies;
import dev.newsfold.parse.Datelines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes page chrome from the lines of one page and finds the article's header parts (standfirst, byline, agency,
 * dateline). Pure logic, no Beam.
 *
 * <p>Every rule is a general signal, not a list of strings: the shape of a line (prose vs. headline styling vs. lone
 * token), its place in the page (before the first or after the last paragraph of prose), the visual block it shares
 * with captions, numbered-list structure, distance from the article's topic, and lines that repeat within the page or
 * across many pages of the same outlet.
 */
public final class ChromeCleaner {

  /** One input line: its text, its visual block (lines without a blank line between them) and whether the source
   *  already marked it as a heading or list item. */
  public record Line(String text, int group, Kind kind) {
    public enum Kind { PARAGRAPH, HEADING, LIST_ITEM, QUOTE, CAPTION }
  }

  /** The cleaned article: kept paragraphs (subheadings included) and what was found in the header. */
  public record Result(List<String> paragraphs, String standfirst, String byline, String agency, String dateline,
      int linesRemoved, int charsRemoved, List<String> removed) {
    public String text() {
      return String.join("\n\n", paragraphs);
    }
  }

  /** Below this share of content words shared with the article, a list item or heading is off-topic. */
  static final double TOPIC_OVERLAP = 0.34;

  private final java.util.function.Predicate<String> templateLine;
  private final boolean structured;

  /**
   * @param templateLine true for the {@link LineShape#key} of a line that repeats across many pages of this outlet
   * @param structured true when the lines come from an HTML extractor that already chose the main content (trust its
   *     headings and short paragraphs more), false for flat text dumps
   */
  public ChromeCleaner(java.util.function.Predicate<String> templateLine, boolean structured) {
    this.templateLine = templateLine;
    this.structured = structured;
  }

  public Result clean(String title, List<Line> input) {
    int n = input.size();
    LineShape[] shape = new LineShape[n];
    int[] groupSize = new int[n];
    java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      shape[i] = new LineShape(input.get(i).text());
      sizes.merge(input.get(i).group(), 1, Integer::sum);
    }
    for (int i = 0; i < n; i++) {
      groupSize[i] = sizes.get(input.get(i).group());
    }
    String titleKey = title == null ? "" : LineShape.key(title);
    boolean[] chrome = new boolean[n];
    boolean[] captionGroup = new boolean[n];
    Set<Integer> captionGroups = new HashSet<>();
    List<String> removed = new ArrayList<>();
    String byline = null;
    String agency = null;

    // 1. Line-level signals that need no context.
    for (int i = 0; i < n; i++) {
      LineShape s = shape[i];
      String key = LineShape.key(s.text);
      if (key.isEmpty() || key.equals(titleKey) || templateLine.test(key) || s.widget() || s.callToAction()
          || input.get(i).kind() == Line.Kind.CAPTION || s.credit()) {
        chrome[i] = true;
      }
      if (s.credit() || input.get(i).kind() == Line.Kind.CAPTION) {
        captionGroups.add(input.get(i).group());
      }
    }
    for (int i = 0; i < n; i++) {
      captionGroup[i] = !structured && captionGroups.contains(input.get(i).group());
    }
    // 2. Prose paragraphs anchor the article; find the first and last.
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      // The extractor's paragraphs need no final full stop (captionless blogs, lists of prose lines).
      boolean prose = structured ? shape[i].wordCount() >= 10 && !shape[i].headlineStyle() : shape[i].prose();
      if (!chrome[i] && prose && !(shape[i].listItem() && !structured)) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    if (first < 0) {
      return new Result(List.of(), null, null, null, null, n, totalChars(input), List.of());
    }
    // Prose at the very edges that shares almost nothing with the rest of the page (cookie notices, author bios,
    // promos for other sections) is chrome too. At most one paragraph per edge, and only on pages with enough prose
    // to judge: a page of loosely related paragraphs must not be eaten from both ends.
    int proseCount = 0;
    for (int i = first; i <= last; i++) {
      proseCount += !chrome[i] && shape[i].prose() ? 1 : 0;
    }
    if (!structured && proseCount >= 4 && offTopicEdge(first, shape, chrome, title)) {
      chrome[first] = true;
      first = nextProse(shape, chrome, first + 1);
    }
    if (!structured && proseCount >= 4 && offTopicEdge(last, shape, chrome, title)) {
      chrome[last] = true;
      int prev = last - 1;
      while (prev > first && (chrome[prev] || !shape[prev].prose())) {
        prev--;
      }
      last = prev;
    }
    // 3. Header region: a dateline paragraph soon after the title marks where the body starts; prose before it is
    //    the standfirst. A header paragraph repeated later in the body is also a standfirst.
    // Structured pages: the extractor's blocks start at the article, so short lead lines before the first long
    // paragraph are kept (the header scan below still takes bylines and agency credits).
    int bodyStart = structured ? firstContent(shape, chrome, first) : first;
    String dateline = null;
    String standfirst = null;
    for (int i = first, seen = 0; i < n && seen < 4 && !structured; i++) {
      if (chrome[i] || !shape[i].prose() || captionGroup[i]) {
        continue;
      }
      seen++;
      Datelines.Dateline d = Datelines.split(shape[i].text);
      if (d != null) {
        bodyStart = i;
        break;
      }
    }
    if (bodyStart == first && !structured) {
      String firstKey = LineShape.key(shape[first].text);
      for (int j = first + 1; j < n; j++) {
        if (LineShape.key(shape[j].text).equals(firstKey)) {
          bodyStart = nextProse(shape, chrome, first + 1);
          break;
        }
      }
    }
    for (int i = 0; i < bodyStart; i++) {
      if (chrome[i]) {
        continue;
      }
      LineShape s = shape[i];
      String credited = Agencies.ofCreditLine(s.text);
      if (credited != null) {
        agency = agency == null ? credited : agency;
      } else if (s.byline()) {
        byline = byline == null ? s.text.replaceFirst("^(?i:by)\\s+", "") : byline;
        String a = Agencies.ofByline(s.text);
        agency = agency == null ? a : agency;
      } else if (s.prose() && standfirst == null) {
        standfirst = s.text;
      }
      chrome[i] = true; // header lines are metadata or chrome, never body
    }

    // 4. Body region decisions.
    Set<String> topic = new HashSet<>();
    if (title != null) {
      topic.addAll(new LineShape(title).contentWords());
    }
    for (int i = bodyStart; i <= last; i++) {
      if (!chrome[i] && shape[i].prose()) {
        topic.addAll(shape[i].contentWords());
      }
    }
    Set<String> seen = new HashSet<>();
    List<String> kept = new ArrayList<>();
    int tailAgencyLine = -1;
    for (int i = bodyStart; i < n; i++) {
      LineShape s = shape[i];
      String key = LineShape.key(s.text);
      boolean keep;
      // On a page the extractor chose, short lines repeat for real (an interview's recurring question, recipe labels);
      // only a long paragraph seen twice is a layout copy. Text dumps have no such structure: every repeat goes.
      if (chrome[i] || seen.contains(key) && (!structured || s.text.length() >= 100)) {
        keep = false;
      } else if (structured) {
        // The extractor already chose the main content: drop only what is clearly not the article.
        if (i > last) {
          keep = s.shortSentence() && onTopic(s, topic);
        } else {
          keep = !s.byline() && Agencies.ofCreditLine(s.text) == null && !(s.headlineStyle() && !onTopic(s, topic));
        }
      } else if (i > last) {
        keep = false; // after the last paragraph of prose: tags, share buttons, ads, trending lists
        if (Agencies.ofCreditLine(s.text) != null && tailAgencyLine < 0) {
          tailAgencyLine = i;
          agency = agency == null ? Agencies.ofCreditLine(s.text) : agency;
        }
      } else if (s.byline() || Agencies.ofCreditLine(s.text) != null) {
        keep = false; // a byline inside the body belongs to a teaser for another article
      } else if (s.listItem() || input.get(i).kind() == Line.Kind.LIST_ITEM) {
        keep = !s.headlineStyle() && onTopic(s, topic) && !captionGroup[i];
      } else if (s.prose()) {
        keep = !captionGroup[i] || groupSize[i] == 1;
      } else if (isHeading(i, input, shape, chrome, groupSize, captionGroup, last)) {
        // Sentence-case subheadings may bring new words; a Title Case line must be about the article.
        keep = onTopic(s, topic) || !s.headlineStyle() || input.get(i).kind() == Line.Kind.HEADING;
      } else {
        keep = s.shortSentence() && !captionGroup[i] && (structured || groupSize[i] == 1);
      }
      if (keep) {
        seen.add(key);
        String text = s.text;
        if (kept.isEmpty()) {
          Datelines.Dateline d = Datelines.split(text);
          if (d != null) {
            dateline = d.place();
            agency = agency == null ? d.agency() : agency;
            text = d.rest();
          }
        }
        kept.add(text);
      } else {
        removed.add(s.text);
      }
    }
    for (int i = 0; i < bodyStart; i++) {
      if (!shape[i].text.equals(standfirst)) {
        removed.add(shape[i].text);
      }
    }
    int chars = 0;
    for (String r : removed) {
      chars += r.length();
    }
    return new Result(kept, standfirst, byline, agency, dateline, removed.size(), chars, removed);
  }

  /** A short line standing alone between paragraphs of prose, introducing the paragraph after it. */
  private boolean isHeading(int i, List<Line> input, LineShape[] shape, boolean[] chrome, int[] groupSize,
      boolean[] captionGroup, int last) {
    LineShape s = shape[i];
    if (s.wordCount() < 2 || s.wordCount() > 16 || s.sentenceEnd || captionGroup[i] || s.byline()) {
      return false;
    }
    if (!structured && groupSize[i] != 1) {
      return false;
    }
    int next = i + 1;
    while (next < shape.length && chrome[next]) {
      next++;
    }
    // Headline styling alone is not enough to drop it (many subheadings are Title Case); teasers fail the standalone
    // and topic tests instead.
    return next <= last && next < shape.length && shape[next].prose();
  }

  /** Below this share of content words found elsewhere in the page, an edge paragraph is unrelated to the article. */
  static final double EDGE_OVERLAP = 0.15;

  private static boolean offTopicEdge(int i, LineShape[] shape, boolean[] chrome, String title) {
    Set<String> rest = new HashSet<>();
    if (title != null) {
      rest.addAll(new LineShape(title).contentWords());
    }
    for (int j = 0; j < shape.length; j++) {
      if (j != i && !chrome[j] && shape[j].prose()) {
        rest.addAll(shape[j].contentWords());
      }
    }
    if (rest.size() < 20) {
      return false; // too little text to judge topic
    }
    Set<String> words = shape[i].contentWords();
    if (title != null) {
      for (String w : new LineShape(title).contentWords()) {
        if (words.contains(w)) {
          return false; // shares a title word: part of the article
        }
      }
    }
    int shared = 0;
    for (String w : words) {
      if (rest.contains(w)) {
        shared++;
      }
    }
    return shared < EDGE_OVERLAP * words.size();
  }

  private static boolean onTopic(LineShape s, Set<String> topic) {
    Set<String> words = s.contentWords();
    if (words.isEmpty()) {
      return false;
    }
    int shared = 0;
    for (String w : words) {
      if (topic.contains(w)) {
        shared++;
      }
    }
    return shared >= TOPIC_OVERLAP * words.size();
  }

  /** First line before {@code first} that reads as a sentence (a short lead paragraph), else {@code first}. */
  private static int firstContent(LineShape[] shape, boolean[] chrome, int first) {
    for (int i = 0; i < first; i++) {
      if (!chrome[i] && shape[i].shortSentence() && !shape[i].byline()) {
        return i;
      }
    }
    return first;
  }

  private static int nextProse(LineShape[] shape, boolean[] chrome, int from) {
    for (int i = from; i < shape.length; i++) {
      if (!chrome[i] && shape[i].prose()) {
        return i;
      }
    }
    return from;
  }

  private static int totalChars(List<Line> input) {
    int chars = 0;
    for (Line l : input) {
      chars += l.text().length();
    }
    return chars;
  }
}
