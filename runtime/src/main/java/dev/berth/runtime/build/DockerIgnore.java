package dev.berth.runtime.build;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code .dockerignore} rules as Docker's pattern matcher applies them: each line a glob relative
 * to the context root ({@code **} for any directories), {@code !} re-including, the last matching
 * line winning, and a path ignored when it or one of its parent directories matches.
 *
 * <pre>{@code
 * # comment
 * **}{@code /*.log
 * !keep.log
 * }</pre>
 */
public final class DockerIgnore {
  /** Ignores nothing. */
  public static final DockerIgnore NONE = new DockerIgnore(List.of());

  private record Rule(PathGlob glob, boolean exclusion) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Parses the file's text. */
  public static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      boolean exclusion = p.startsWith("!");
      if (exclusion) {
        p = p.substring(1).strip();
      }
      p = clean(p);
      if (p.isEmpty()) {
        continue;
      }
      rules.add(new Rule(PathGlob.compile(p, true), exclusion));
    }
    return new DockerIgnore(rules);
  }

  /** Whether {@code path} (relative, slash-separated) is left out of the context. */
  public boolean ignores(String path) {
    String p = clean(path);
    boolean ignored = false;
    for (Rule rule : rules) {
      if (ignored == !rule.exclusion()) {
        continue; // this rule cannot change the answer
      }
      if (matchesOrParent(rule.glob(), p)) {
        ignored = !rule.exclusion();
      }
    }
    return ignored;
  }

  /** Whether a directory could hold a re-included path, so it must be walked even if ignored. */
  public boolean hasExclusions() {
    return rules.stream().anyMatch(Rule::exclusion);
  }

  private static boolean matchesOrParent(PathGlob glob, String path) {
    if (glob.matches(path)) {
      return true;
    }
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (glob.matches(path.substring(0, i))) {
        return true;
      }
    }
    return false;
  }

  /** Like Go's {@code filepath.Clean}, relative to the root: no leading slash, no dot parts. */
  static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
