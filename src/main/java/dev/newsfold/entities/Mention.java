package dev.newsfold.entities;

/**
 * One named-entity mention found in a text.
 *
 * @param type PERSON, ORGANIZATION, LOCATION or MISC
 * @param text the covered text, exactly {@code source.substring(start, end)}
 * @param start char offset of the first character (inclusive)
 * @param end char offset after the last character (exclusive)
 */
public record Mention(String type, String text, int start, int end) {}
