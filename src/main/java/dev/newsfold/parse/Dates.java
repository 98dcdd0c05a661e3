package dev.newsfold.parse;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the publication dates pages give: ISO dates and date-times, RFC 1123, "May 17, 2024", "17 May 2024". */
public final class Dates {

  private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final List<DateTimeFormatter> TEXT_FORMATS = List.of(
      DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH),
      DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH),
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH),
      DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH));

  private Dates() {}

  /** The calendar date as the page states it (no time-zone shift), or null when unparseable. */
  public static LocalDate parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    Matcher iso = ISO_DATE.matcher(v);
    if (iso.find()) {
      try {
        return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
            Integer.parseInt(iso.group(3)));
      } catch (java.time.DateTimeException e) {
        return null;
      }
    }
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return OffsetDateTime.parse(v).toLocalDate();
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    String cleaned = v.replaceAll("(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+", "")
        .replaceAll("(\\d)(st|nd|rd|th)\\b", "$1").replaceAll("\\s+", " ");
    for (DateTimeFormatter f : TEXT_FORMATS) {
      try {
        return LocalDate.parse(cleaned, f);
      } catch (DateTimeParseException ignored) {
        // try the next format
      }
    }
    return null;
  }
}
