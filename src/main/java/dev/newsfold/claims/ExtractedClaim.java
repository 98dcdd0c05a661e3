package dev.newsfold.claims;

import java.io.Serializable;
import java.util.List;

/**
 * One attributed statement (or unattributed factual statement with quantities) found in a text. Spans are character
 * offsets [start, end) into the text given to {@link ClaimExtractor#extract}; -1 when absent (no source, no cue).
 *
 * @param speaker resolved speaker ("Kim Yo Jong" for a later "she"), or null
 * @param speakerMention the speaker as written at the source span ("she", "Shin", "South Korean Defense Minister
 *     Shin Wonsik")
 * @param speakerTitle title or role given with the speaker ("South Korean Defense Minister"), or null
 * @param verb reporting verb as written ("said", "denied", "according to"), or the main verb for REPORT claims
 * @param stance ASSERT, DENY, ACCUSE, ANNOUNCE, BELIEVE, WARN, CONFIRM or REPORT (unattributed)
 * @param content what is claimed (inside the quotation marks for direct quotes)
 * @param directQuote whether the content is a quotation
 * @param quantities numbers in the content
 * @param timeRefs time expressions in the content
 * @param sentenceOffset offset of the sentence holding the cue
 * @param gapStart start of text inside [contentStart, contentEnd) that is not content (the attribution between two
 *     pieces of one quote: '“A,” she said. “B.”'), or -1
 * @param gapEnd end of that gap, or -1
 */
public record ExtractedClaim(String speaker, String speakerMention, String speakerTitle, String verb, String stance,
    String content, boolean directQuote, List<QuantityMention> quantities, List<String> timeRefs,
    int sentenceOffset, int sourceStart, int sourceEnd, int cueStart, int cueEnd, int contentStart, int contentEnd, int gapStart, int gapEnd)
    implements Serializable {

  /** Length of the content in characters, the gap left out. */
  public int contentLength() { return contentEnd - contentStart - (gapStart >= 0 ? gapEnd - gapStart : 0); }

  /** Characters of [s, e) that fall inside the content (not the gap). */
  public int contentOverlap(int s, int e) {
    int o = Math.max(0, Math.min(contentEnd, e) - Math.max(contentStart, s));
    if (gapStart >= 0) {
      o -= Math.max(0, Math.min(gapEnd, e) - Math.max(gapStart, s));
    }
    return o;
  }

  public boolean attributed() { return !"REPORT".equals(stance); }
}
