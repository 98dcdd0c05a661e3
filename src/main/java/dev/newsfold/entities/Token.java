package dev.newsfold.entities;

/** A token with its char span in the source text. */
record Token(String text, int start, int end) {}
