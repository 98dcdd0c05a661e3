package dev.newsfold.parse;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives the publishing outlet: page metadata first, else the URL's host, else a host-like folder of the input path. */
public final class Outlets {

  private static final Pattern HOST_SEGMENT =
      Pattern.compile("(?i)(?:^|/)((?:[a-z0-9-]+\\.)+(?:com|org|net|co|uk|in|de|fr|it|es|au|ca|jp|kr|cn|ru|io|news|info|us|eu|ch|nl|be|se|no|dk|ie|nz|za|sg|hk|tv|me)(?:\\.[a-z]{2})?)(?:/|$)");

  private Outlets() {}

  public static String of(String metadataName, String url, String sourceUri) {
    if (metadataName != null && !metadataName.isBlank()) {
      return metadataName.strip();
    }
    String host = host(url);
    if (host != null) {
      return host;
    }
    if (sourceUri != null) {
      String path = sourceUri.replaceFirst("#.*$", "");
      int slash = path.lastIndexOf('/');
      Matcher m = HOST_SEGMENT.matcher(slash > 0 ? path.substring(0, slash + 1) : "");
      String found = null;
      while (m.find()) {
        found = m.group(1);
      }
      if (found != null) {
        return stripWww(found.toLowerCase(Locale.ROOT));
      }
    }
    return null;
  }

  /** Host of a URL without "www.", or null. */
  public static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      String host = URI.create(url.strip().replace(" ", "%20")).getHost();
      return host == null ? null : stripWww(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String stripWww(String host) {
    return host.startsWith("www.") ? host.substring(4) : host;
  }
}
