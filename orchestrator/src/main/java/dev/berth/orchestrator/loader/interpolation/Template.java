package dev.berth.orchestrator.loader.interpolation;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-d}}, {@code ${VAR-d}}, {@code ${VAR:?e}},
 * {@code ${VAR?e}}, {@code ${VAR:+a}}, {@code ${VAR+a}} and {@code $$} in one string.
 */
public final class Template {
  static final Pattern PATTERN =
      Pattern.compile(
          "\\$(?i:(?<escaped>\\$)|(?<named>[_a-z][_a-z0-9]*)"
              + "|\\{(?:(?<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)\\}|(?<invalid>)))");

  private static final String[] OPERATORS = {":?", "?", ":-", "-", ":+", "+"};

  private final Function<String, String> lookup;
  private final Consumer<String> unsetVariables;

  private Template(Function<String, String> lookup, Consumer<String> unsetVariables) {
    this.lookup = lookup;
    this.unsetVariables = unsetVariables;
  }

  /** Substitutes {@code template}; {@code lookup} answers null for an unset variable. */
  public static String substitute(String template, Function<String, String> lookup)
      throws TemplateException {
    return substitute(template, lookup, name -> {});
  }

  /** As {@link #substitute(String, Function)}, telling {@code unset} each unset variable used. */
  public static String substitute(
      String template, Function<String, String> lookup, Consumer<String> unset)
      throws TemplateException {
    return new Template(lookup, unset).run(template);
  }

  private String run(String template) throws TemplateException {
    if (template.indexOf('$') < 0) {
      return template;
    }
    Matcher m = PATTERN.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(template, last, m.start());
      try {
        out.append(replace(m.group()));
      } catch (TemplateException e) {
        if (e.variable() == null) {
          throw TemplateException.invalid(template);
        }
        throw e;
      }
      last = m.end();
    }
    out.append(template, last, template.length());
    return out.toString();
  }

  private String replace(String substring) throws TemplateException {
    String operator = firstOperator(substring);
    int closing = firstClosingBrace(substring);
    String rest = "";
    if (closing > -1) {
      rest = substring.substring(closing + 1);
      substring = substring.substring(0, closing + 1);
    }
    Matcher m = PATTERN.matcher(substring);
    if (!m.find()) {
      throw TemplateException.invalid("");
    }
    if (m.group("escaped") != null) {
      return "$";
    }
    String name = m.group("named");
    boolean braced = false;
    if (name == null) {
      name = m.group("braced");
      braced = true;
    }
    if (name == null || name.isEmpty()) {
      throw TemplateException.invalid("");
    }
    if (braced && operator != null && name.contains(operator)) {
      String value = apply(name, operator);
      return value + run(rest);
    }
    String value = lookup.apply(name);
    if (value == null) {
      unsetVariables.accept(name);
      return "";
    }
    return value;
  }

  private String apply(String expression, String operator) throws TemplateException {
    int at = expression.indexOf(operator);
    String name = expression.substring(0, at);
    String arg = expression.substring(at + operator.length());
    String value = lookup.apply(name);
    boolean set = value != null;
    boolean nonEmpty = set && !value.isEmpty();
    switch (operator) {
      case ":?":
      case "?":
        boolean ok = operator.equals("?") ? set : nonEmpty;
        if (!ok) {
          throw TemplateException.missing(name, run(arg));
        }
        return value;
      case ":-":
        return nonEmpty ? value : run(arg);
      case "-":
        return set ? value : run(arg);
      case ":+":
        return nonEmpty ? run(arg) : orEmpty(value);
      default:
        return set ? run(arg) : "";
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** The operator that occurs first in {@code s}, or null; the reference picks it this way. */
  public static String firstOperator(String s) {
    String best = null;
    int bestIndex = Integer.MAX_VALUE;
    for (String op : OPERATORS) {
      int i = s.indexOf(op);
      if (i >= 0 && i < bestIndex) {
        best = op;
        bestIndex = i;
      }
    }
    return best;
  }

  /** Index of the brace closing the first opened one, counting nested braces. */
  static int firstClosingBrace(String s) {
    int open = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '}') {
        open--;
        if (open == 0) {
          return i;
        }
      }
      if (s.charAt(i) == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }
}
