package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.runtime.api.ErrorKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's text/template that {@code --format} strings use in CI scripts: fields ({@code
 * {{.Name}}}, {@code {{.Labels.x}}}), {@code json}, {@code upper} and {@code lower}, a {@code
 * table} prefix for aligned columns under headers, and {@code \t}/{@code \n} escapes, as the docker
 * CLI reads them. Anything else is refused by name, not printed wrong.
 */
final class GoTemplate {
  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
  private static final Pattern PIPELINE =
      Pattern.compile(
          "(?:(json|upper|lower)\\s+)?(\\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\\.[^\\s.]+)*)?)");
  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;

  private final boolean table;
  private final List<Object> parts; // String literals and Action actions
  private final Map<String, String> headers;

  private record Action(String function, List<String> path, String source) {}

  private GoTemplate(boolean table, List<Object> parts, Map<String, String> headers) {
    this.table = table;
    this.parts = parts;
    this.headers = headers;
  }

  /**
   * Parses {@code format}; {@code headers} names the table column of each top-level field (a field
   * not in it is headed by its name in capitals).
   */
  static GoTemplate parse(String format, Map<String, String> headers) throws BerthException {
    String text = format.strip();
    boolean table = text.startsWith("table");
    if (table) {
      text = text.substring("table".length()).strip();
    }
    text = text.replace("\\t", "\t").replace("\\n", "\n");
    List<Object> parts = new ArrayList<>();
    Matcher m = ACTION.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(text.substring(at, m.start()));
      }
      Matcher p = PIPELINE.matcher(m.group(1));
      if (!p.matches()) {
        throw new BerthException(
            ErrorKind.USAGE,
            "--format: berth does not support the template action \""
                + m.group()
                + "\" (it supports {{.Field}}, {{json .Field}}, {{upper .Field}},"
                + " {{lower .Field}} and a table prefix)");
      }
      String function = p.group(1) == null ? "" : p.group(1);
      String field = p.group(2);
      List<String> path =
          field.equals(".") ? List.of() : List.of(field.substring(1).split("\\.", -1));
      parts.add(new Action(function, path, m.group()));
      at = m.end();
    }
    if (at < text.length()) {
      parts.add(text.substring(at));
    }
    for (Object part : parts) {
      if (part instanceof String literal && literal.contains("{{")) {
        throw new BerthException(
            ErrorKind.USAGE, "--format: unclosed action in \"" + format + "\"");
      }
    }
    return new GoTemplate(table, parts, headers);
  }

  /** Prints one line per row, aligned under a header line for a table format. */
  void print(PrintWriter out, List<Map<String, Object>> rows) throws BerthException {
    List<String> lines = new ArrayList<>();
    if (table) {
      lines.add(header());
    }
    for (Map<String, Object> row : rows) {
      lines.add(render(row));
    }
    if (table) {
      lines = align(lines);
    }
    lines.forEach(out::println);
  }

  /** One row rendered. */
  String render(Map<String, Object> row) throws BerthException {
    StringBuilder sb = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Action action) {
        Object value = resolve(row, action);
        sb.append(
            switch (action.function()) {
              case "json" -> ConfigRenderer.compactJson(value);
              case "upper" -> text(value).toUpperCase(Locale.ROOT);
              case "lower" -> text(value).toLowerCase(Locale.ROOT);
              default -> text(value);
            });
      } else {
        sb.append(part);
      }
    }
    return sb.toString();
  }

  private String header() {
    StringBuilder sb = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Action action) {
        String field = action.path().isEmpty() ? "" : action.path().get(0);
        sb.append(headers.getOrDefault(field, field.toUpperCase(Locale.ROOT)));
      } else {
        sb.append(part);
      }
    }
    return sb.toString();
  }

  private static Object resolve(Map<String, Object> row, Action action) throws BerthException {
    Object value = row;
    for (String name : action.path()) {
      if (!(value instanceof Map<?, ?> map) || !map.containsKey(name)) {
        if (value instanceof Map<?, ?> && value != row) {
          return "<no value>"; // a key missing from a map, e.g. a label, as Go prints it
        }
        throw new BerthException(
            ErrorKind.USAGE,
            "--format: template: "
                + action.source()
                + ": can't evaluate field "
                + name
                + " (fields: "
                + String.join(", ", new TreeMap<>(row).keySet())
                + ")");
      }
      value = map.get(name);
    }
    return value;
  }

  /** A value as Go's fmt prints it: lists as {@code [a b]}, maps as {@code map[k:v]}. */
  private static String text(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(text(item)));
      return "[" + String.join(" ", items) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      new TreeMap<>(map).forEach((k, v) -> items.add(k + ":" + text(v)));
      return "map[" + String.join(" ", items) + "]";
    }
    return value.toString();
  }

  /** Go's tabwriter as the docker CLI sets it up: cells padded to the widest, at least 10. */
  private static List<String> align(List<String> lines) {
    List<String[]> cells = new ArrayList<>();
    int columns = 0;
    for (String line : lines) {
      String[] split = line.split("\t", -1);
      cells.add(split);
      columns = Math.max(columns, split.length);
    }
    int[] widths = new int[columns];
    for (String[] row : cells) {
      for (int i = 0; i < row.length - 1; i++) {
        widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH - PADDING, row[i].length()));
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] row : cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        sb.append(row[i]);
        if (i < row.length - 1) {
          sb.append(" ".repeat(widths[i] - row[i].length() + PADDING));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }
}
