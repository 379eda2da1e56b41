package dev.berth.orchestrator.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of a {@code .dockerignore} file, matched as the Docker CLI matches them: paths
 * relative to the context with {@code /} separators, {@code *}, {@code ?}, {@code **} and {@code
 * [...]}, {@code !} re-including, the last matching line winning, and a pattern that matches a
 * directory covering everything under it.
 */
public final class DockerIgnore {
  private record Rule(Pattern pattern, boolean exclude) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Nothing ignored. */
  public static DockerIgnore none() {
    return new DockerIgnore(List.of());
  }

  /** The file's patterns, or {@link #none} when it does not exist. */
  public static DockerIgnore read(Path file) throws IOException {
    return Files.isRegularFile(file) ? parse(Files.readAllLines(file)) : none();
  }

  /** Patterns one per line; blank lines and lines starting with {@code #} are skipped. */
  public static DockerIgnore parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String line : lines) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      boolean exclude = true;
      if (p.startsWith("!")) {
        exclude = false;
        p = p.substring(1).strip();
      }
      p = clean(p);
      if (!p.isEmpty()) {
        rules.add(new Rule(Pattern.compile(regex(p)), exclude));
      }
    }
    return new DockerIgnore(rules);
  }

  /** Whether some pattern re-includes paths ({@code !}), so excluded directories must be walked. */
  public boolean hasExceptions() {
    return rules.stream().anyMatch(r -> !r.exclude());
  }

  /** Whether {@code relative} (e.g. {@code src/main.c}) is left out of the context. */
  public boolean excludes(String relative) {
    String path = clean(relative);
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesOrParent(rule.pattern(), path)) {
        excluded = rule.exclude();
      }
    }
    return excluded;
  }

  private static boolean matchesOrParent(Pattern pattern, String path) {
    if (pattern.matcher(path).matches()) {
      return true;
    }
    for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      if (pattern.matcher(path.substring(0, i)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Drops leading {@code /} and {@code ./}, empty and {@code .} segments; resolves {@code ..}. */
  private static String clean(String p) {
    List<String> parts = new ArrayList<>();
    for (String seg : p.replace('\\', '/').split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(seg);
    }
    return String.join("/", parts);
  }

  private static String regex(String p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*') {
        if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
            i++;
            sb.append("(?:.*/)?");
          } else {
            sb.append(".*");
          }
        } else {
          sb.append("[^/]*");
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else if (c == '[') {
        int end = p.indexOf(']', i + 1);
        if (end < 0) {
          sb.append("\\[");
        } else {
          String cls = p.substring(i + 1, end);
          if (cls.startsWith("^") || cls.startsWith("!")) {
            cls = "^" + cls.substring(1);
          }
          sb.append('[').append(cls.replace("\\", "\\\\")).append(']');
          i = end;
        }
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
