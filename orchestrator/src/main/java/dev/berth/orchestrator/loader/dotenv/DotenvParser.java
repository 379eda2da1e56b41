package dev.berth.orchestrator.loader.dotenv;

import dev.berth.orchestrator.loader.interpolation.Template;
import dev.berth.orchestrator.loader.interpolation.TemplateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code KEY=VALUE} lines: {@code export}, {@code KEY: VALUE}, comments, single and double
 * quotes (multi-line, escapes), inline {@code #} comments and inherited bare keys.
 */
public final class DotenvParser {
  private static final Pattern EXPORT = Pattern.compile("^export\\s+");
  private static final Pattern ESCAPE = Pattern.compile("\\\\(?:[abcfnrtv$\"\\\\]|0\\d{0,3})");

  private final Function<String, String> lookup;
  private final Function<String, String> fallback;
  private final Map<String, String> out = new LinkedHashMap<>();
  private int line = 1;

  private DotenvParser(Function<String, String> lookup, Function<String, String> fallback) {
    this.lookup = lookup;
    this.fallback = fallback;
  }

  /**
   * Parses {@code text}; {@code lookup} resolves inherited keys and {@code ${VAR}} references
   * first, then keys defined earlier in the same text. It answers null for an unset variable.
   */
  public static Map<String, String> parse(String text, Function<String, String> lookup)
      throws DotenvException {
    return parse(text, lookup, k -> null);
  }

  /**
   * As {@link #parse(String, Function)}, with {@code fallback} consulted after the keys of this
   * text (values of earlier files).
   */
  public static Map<String, String> parse(
      String text, Function<String, String> lookup, Function<String, String> fallback)
      throws DotenvException {
    DotenvParser p = new DotenvParser(lookup == null ? k -> null : lookup, fallback);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    p.run(text.replace("\r\n", "\n"));
    return p.out;
  }

  /**
   * Parses several files in order: later files win, and {@code ${VAR}} in a file sees {@code
   * lookup} first, then values from earlier files.
   */
  public static Map<String, String> parseAll(
      java.util.List<String> texts, Function<String, String> lookup) throws DotenvException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String text : texts) {
      Map<String, String> before = new LinkedHashMap<>(out);
      out.putAll(parse(text, lookup, before::get));
    }
    return out;
  }

  /** Reads {@code text} with {@code docker run --env-file} rules: no quotes, no substitution. */
  public static Map<String, String> parseRaw(String text, Function<String, String> lookup) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.replace("\r\n", "\n").split("\n")) {
      String l = raw.stripLeading();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq < 0) {
        String v = lookup == null ? null : lookup.apply(l.strip());
        if (v != null) {
          out.put(l.strip(), v);
        }
        continue;
      }
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  private void run(String src) throws DotenvException {
    String cut = src;
    while (true) {
      cut = statementStart(cut);
      if (cut.isEmpty()) {
        return;
      }
      String[] kr = locateKey(cut);
      String key = kr[0];
      boolean inherited = kr[2] != null;
      if (key.contains(" ")) {
        throw new DotenvException("line " + line + ": key cannot contain a space");
      }
      if (inherited) {
        String v = lookup.apply(key);
        if (v != null) {
          out.put(key, v);
        }
        cut = kr[1];
        continue;
      }
      String[] vr = value(kr[1]);
      out.put(key, vr[0]);
      cut = vr[1];
    }
  }

  private String statementStart(String src) {
    while (true) {
      int pos = -1;
      for (int i = 0; i < src.length(); i++) {
        char c = src.charAt(i);
        if (c == '\n') {
          line++;
        }
        if (!Character.isWhitespace(c) && c != 0x85 && c != 0xA0) {
          pos = i;
          break;
        }
      }
      if (pos < 0) {
        return "";
      }
      src = src.substring(pos);
      if (src.charAt(0) != '#') {
        return src;
      }
      int nl = src.indexOf('\n');
      if (nl < 0) {
        return "";
      }
      src = src.substring(nl);
    }
  }

  private static boolean isSpace(char c) {
    return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xA0;
  }

  /** Returns {key, rest, inheritedMarker-or-null}. */
  private String[] locateKey(String src) throws DotenvException {
    Matcher ex = EXPORT.matcher(src);
    if (ex.find()) {
      src = stripLeadingSpace(src.substring("export".length()));
    }
    String key = null;
    int offset = 0;
    boolean inherited = false;
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (isSpace(c)) {
        continue;
      }
      if (c == '=' || c == ':' || c == '\n') {
        key = src.substring(0, i);
        offset = i + 1;
        inherited = c == '\n';
        break;
      }
      if (c == '_' || c == '.' || c == '-' || c == '[' || c == ']') {
        continue;
      }
      if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
        continue;
      }
      String first = src.split("\n", -1)[0];
      throw new DotenvException(
          "line "
              + line
              + ": unexpected character \""
              + c
              + "\" in variable name \""
              + first
              + "\"");
    }
    if (src.isEmpty()) {
      throw new DotenvException("zero length string");
    }
    if (key == null) {
      key = src;
      offset = src.length();
      inherited = true;
    }
    if (inherited && key.indexOf(' ') < 0) {
      line++;
    }
    key = key.stripTrailing();
    String rest = stripLeadingSpace(src.substring(Math.min(offset, src.length())));
    return new String[] {key, rest, inherited ? "" : null};
  }

  private static String stripLeadingSpace(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  /** Returns {value, rest}. */
  private String[] value(String src) throws DotenvException {
    char quote = src.isEmpty() ? 0 : src.charAt(0);
    if (quote != '"' && quote != '\'') {
      int nl = src.indexOf('\n');
      String v = nl < 0 ? src : src.substring(0, nl);
      String rest = nl < 0 ? "" : src.substring(nl + 1);
      line++;
      int comment = v.indexOf(" #");
      if (comment >= 0) {
        v = v.substring(0, comment);
      }
      v = v.stripTrailing();
      return new String[] {expand(v), rest};
    }
    boolean escape = false;
    StringBuilder chars = new StringBuilder();
    for (int i = 1; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (c != quote) {
        if (!escape && c == '\\') {
          escape = true;
          continue;
        }
        if (escape) {
          escape = false;
          chars.append('\\');
        }
        chars.append(c);
        continue;
      }
      if (escape) {
        escape = false;
        chars.append(c);
        continue;
      }
      String v = chars.toString();
      if (quote == '"') {
        v = expand(expandEscapes(v));
      }
      return new String[] {v, src.substring(i + 1)};
    }
    int end = src.indexOf('\n');
    throw new DotenvException(
        "line " + line + ": unterminated quoted value " + (end < 0 ? src : src.substring(0, end)));
  }

  private String expand(String value) throws DotenvException {
    try {
      return Template.substitute(
          value,
          k -> {
            String v = lookup.apply(k);
            if (v == null) {
              v = out.get(k);
            }
            return v != null ? v : fallback.apply(k);
          });
    } catch (TemplateException e) {
      throw new DotenvException("line " + (line - 1) + ": " + e.getMessage());
    }
  }

  static String expandEscapes(String s) {
    Matcher m = ESCAPE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String match = m.group();
      String rep;
      if (match.equals("\\$")) {
        rep = "$$";
      } else if (match.startsWith("\\0")) {
        String digits = match.substring(2);
        rep = octal(digits, match);
      } else {
        rep = simpleEscape(match.charAt(1));
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(rep));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String octal(String digits, String match) {
    // the reference turns "\0NNN" into "\NNN" and reads it as an octal escape of three digits
    if (digits.length() != 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
      return match;
    }
    int v = Integer.parseInt(digits, 8);
    return v > 255 ? match : String.valueOf((char) v);
  }

  private static String simpleEscape(char c) {
    switch (c) {
      case 'a':
        return "\u0007";
      case 'b':
        return "\b";
      case 'c':
        return "\\c";
      case 'f':
        return "\f";
      case 'n':
        return "\n";
      case 'r':
        return "\r";
      case 't':
        return "\t";
      case 'v':
        return "\u000B";
      default:
        return String.valueOf(c);
    }
  }
}
