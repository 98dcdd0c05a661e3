package dev.newsfold.parse;
public record HtmlArticle(String title, String standfirst, String byline, String publishedTime,
    java.time.LocalDate publishedDate, String section, String siteName, String language,
    String canonicalUrl, String agency, java.util.List<Block> blocks) implements java.io.Serializable {}
