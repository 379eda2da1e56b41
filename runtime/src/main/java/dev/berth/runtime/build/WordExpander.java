package dev.berth.runtime.build;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * BuildKit's shell-like word processing for instructions that expand variables: quotes ({@code
 * '...'} literal, {@code "..."} expanding), the escape character, and {@code $x}, {@code ${x}},
 * {@code ${x:-word}}, {@code ${x-word}}, {@code ${x:+word}}, {@code ${x+word}}, {@code ${x:?msg}}.
 * {@code lookup} answers null for an unset variable.
 */
public final class WordExpander {
  private final char escape;
  private final Function<String, String> lookup;

  /** Raised for {@code ${x:?msg}} with x unset and for malformed substitutions. */
  public static final class ExpansionException extends Exception {
    ExpansionException(String message) {
      super(message);
    }
  }

  public WordExpander(char escape, Function<String, String> lookup) {
    this.escape = escape;
    this.lookup = lookup;
  }

  /** Splits {@code text} on unquoted whitespace and processes each word. */
  public List<String> words(String text) throws ExpansionException {
    List<String> out = new ArrayList<>();
    for (String raw : split(text)) {
      out.add(word(raw));
    }
    return out;
  }

  /** Splits on unquoted, unescaped whitespace, keeping quotes in the words. */
  public List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      word.append(c);
      if (c == escape && quote != '\'' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }

  /** Removes quotes and escapes from one word and expands its variables. */
  public String word(String raw) throws ExpansionException {
    Cursor in = new Cursor(raw);
    StringBuilder out = new StringBuilder();
    while (!in.end()) {
      char c = in.next();
      if (c == '\'') {
        int close = raw.indexOf('\'', in.pos);
        if (close < 0) {
          throw new ExpansionException("unexpected end of statement while looking for matching '");
        }
        out.append(raw, in.pos, close);
        in.pos = close + 1;
      } else if (c == '"') {
        doubleQuoted(in, out);
      } else if (c == escape) {
        if (!in.end()) {
          out.append(in.next());
        }
      } else if (c == '$') {
        out.append(variable(in));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private void doubleQuoted(Cursor in, StringBuilder out) throws ExpansionException {
    while (true) {
      if (in.end()) {
        throw new ExpansionException("unexpected end of statement while looking for matching \"");
      }
      char c = in.next();
      if (c == '"') {
        return;
      }
      if (c == escape) {
        if (in.end()) {
          continue;
        }
        char n = in.peek();
        if (n == '"' || n == '$' || n == escape) {
          out.append(in.next());
        } else {
          out.append(c);
        }
      } else if (c == '$') {
        out.append(variable(in));
      } else {
        out.append(c);
      }
    }
  }

  private String variable(Cursor in) throws ExpansionException {
    if (in.end()) {
      return "$";
    }
    char c = in.peek();
    if (c != '{') {
      String name = name(in);
      if (name.isEmpty()) {
        return "$";
      }
      return value(name);
    }
    in.next();
    String name = name(in);
    if (name.isEmpty()) {
      throw new ExpansionException("bad substitution: missing variable name after ${");
    }
    if (in.end()) {
      throw new ExpansionException("missing '}' in ${" + name);
    }
    char op = in.next();
    if (op == '}') {
      return value(name);
    }
    boolean colon = op == ':';
    if (colon) {
      if (in.end()) {
        throw new ExpansionException("missing '}' in ${" + name);
      }
      op = in.next();
    }
    if (op != '-' && op != '+' && op != '?') {
      throw new ExpansionException(
          "unsupported modifier (" + (colon ? ":" : "") + op + ") in substitution ${" + name);
    }
    String word = nested(in, name);
    String current = lookup.apply(name);
    boolean set = current != null && (!colon || !current.isEmpty());
    return switch (op) {
      case '-' -> set ? current : word;
      case '+' -> set ? word : "";
      default -> {
        if (!set) {
          throw new ExpansionException(
              name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        yield current;
      }
    };
  }

  /** The word of {@code ${x:-word}} up to the matching brace, itself expanded. */
  private String nested(Cursor in, String name) throws ExpansionException {
    StringBuilder raw = new StringBuilder();
    int depth = 0;
    while (true) {
      if (in.end()) {
        throw new ExpansionException("missing '}' in ${" + name);
      }
      char c = in.next();
      if (c == escape && !in.end()) {
        raw.append(c).append(in.next());
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          break;
        }
        depth--;
      }
      raw.append(c);
    }
    return word(raw.toString());
  }

  private String value(String name) {
    String v = lookup.apply(name);
    return v == null ? "" : v;
  }

  private static String name(Cursor in) {
    int start = in.pos;
    while (!in.end() && (Character.isLetterOrDigit(in.peek()) || in.peek() == '_')) {
      in.pos++;
    }
    return in.text.substring(start, in.pos);
  }

  private static final class Cursor {
    final String text;
    int pos;

    Cursor(String text) {
      this.text = text;
    }

    boolean end() {
      return pos >= text.length();
    }

    char next() {
      return text.charAt(pos++);
    }

    char peek() {
      return text.charAt(pos);
    }
  }
}
