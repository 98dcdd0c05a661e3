package dev.newsfold.parse;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Guesses the language of a text from its most frequent function words. Cheap and good enough for the languages news
 * scrapes mostly hold; pages that declare their language (html lang, JSON-LD inLanguage) keep their declaration.
 */
public final class LanguageGuesser {

  private static final Map<String, Set<String>> STOP = Map.of(
      "en", Set.of("the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "said", "has", "have"),
      "de", Set.of("der", "die", "und", "das", "nicht", "ist", "zu", "den", "mit", "von", "sich", "auf", "dem", "eine"),
      "fr", Set.of("le", "la", "les", "et", "des", "est", "une", "du", "dans", "que", "pour", "qui", "pas", "sur"),
      "es", Set.of("el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "con", "para", "es", "se"),
      "it", Set.of("il", "di", "che", "la", "e", "per", "una", "del", "della", "sono", "con", "non", "gli", "nel"),
      "pt", Set.of("o", "de", "que", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no", "se"),
      "nl", Set.of("de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "niet", "met", "voor", "ook"));

  private LanguageGuesser() {}

  /** ISO 639-1 code, or null when the text is too short or matches no profile. */
  public static String guess(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+", 2000);
    if (words.length < 8) {
      return null;
    }
    String best = null;
    int bestHits = 0;
    for (var e : STOP.entrySet()) {
      int hits = 0;
      for (String w : words) {
        if (e.getValue().contains(w)) {
          hits++;
        }
      }
      if (hits > bestHits || (hits == bestHits && best != null && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestHits = hits;
      }
    }
    return bestHits * 12 >= words.length ? best : null;
  }

  /** Normalises a declared language ("en-US", "EN", "en_GB") to its ISO 639-1 code. */
  public static String normalise(String declared) {
    if (declared == null || declared.isBlank()) {
      return null;
    }
    String code = declared.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
    return code.matches("[a-z]{2,3}") ? code : null;
  }
}
