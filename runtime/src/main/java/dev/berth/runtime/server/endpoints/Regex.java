package dev.berth.runtime.server.endpoints;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** dockerd's {@code filters.Match}: a filter value is a regular expression found in the text. */
final class Regex {
  private Regex() {}

  static boolean find(String expression, String text) {
    try {
      return Pattern.compile(expression).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return text.contains(expression);
    }
  }
}
