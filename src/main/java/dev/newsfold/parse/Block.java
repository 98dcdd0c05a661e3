package dev.newsfold.parse;
public record Block(Block.Kind kind, String text) implements java.io.Serializable { public enum Kind { PARAGRAPH, HEADING, LIST_ITEM, QUOTE } }
