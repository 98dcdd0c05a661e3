package dev.newsfold.parse;

import dev.newsfold.schema.internal.BlockKind;
import dev.newsfold.schema.internal.PageBlock;
import dev.newsfold.schema.internal.ParsedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses plain-text dumps of news pages: an optional {@code date YYYY-MM-DD Section} line, the title line, then body
 * lines in blank-line separated blocks with page chrome still mixed in (the clean stage removes it).
 */
public final class TextDumpParser {

  private static final Pattern DATE_LINE =
      Pattern.compile("^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})(?:[T ][0-9:.+\\-Z]*)?(?:\\s+(.{1,60}))?\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBERED = Pattern.compile("^\\s*(\\d{1,3}[.)]|[•·▪●\\-*])\\s+\\S.*");

  /** Fills title, published, section and the body blocks of {@code page} from {@code text}. */
  public void parse(String text, ParsedPage.Builder page) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    boolean blankSeparated = false;
    for (String line : lines) {
      if (line.isBlank()) {
        blankSeparated = true;
        break;
      }
    }
    List<PageBlock> blocks = new ArrayList<>();
    int group = 0;
    boolean inGroup = false;
    boolean sawDate = false;
    for (String raw : lines) {
      String line = normalizeSpace(raw);
      if (line.isEmpty()) {
        if (inGroup) {
          group++;
          inGroup = false;
        }
        continue;
      }
      if (!sawDate && blocks.isEmpty() && page.getTitle() == null) {
        Matcher date = DATE_LINE.matcher(line);
        if (date.matches()) {
          sawDate = true;
          if (page.getPublished() == null) {
            page.setPublished(date.group(1));
          }
          if (date.group(2) != null && page.getSection() == null) {
            page.setSection(date.group(2).trim());
          }
          continue;
        }
      }
      if (page.getTitle() == null) {
        page.setTitle(line);
        group++;
        continue;
      }
      boolean item = NUMBERED.matcher(raw).matches();
      blocks.add(PageBlock.newBuilder()
          .setKind(item ? BlockKind.LIST_ITEM : BlockKind.PARAGRAPH)
          .setText(line)
          .setGroup(group)
          .build());
      inGroup = true;
      if (!blankSeparated) {
        group++; // one paragraph per line when the dump has no blank lines
      }
    }
    page.setBlocks(blocks);
  }

  /** Collapses runs of whitespace (including non-breaking spaces) and trims. */
  public static String normalizeSpace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F') {
        space = out.length() > 0;
      } else if (!Character.isISOControl(c) && c != '\uFEFF' && c != '\u200B') {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
