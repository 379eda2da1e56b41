package dev.berth.runtime.build;

import java.util.regex.Pattern;

/**
 * A slash-separated glob as Go's {@code filepath.Match} reads it ({@code *}, {@code ?}, {@code
 * [a-z]}, {@code [^x]}, {@code \} escapes), plus {@code **} for any number of directories when
 * {@code doubleStar} is set (the {@code .dockerignore} dialect).
 */
public final class PathGlob {
  private final Pattern regex;

  private PathGlob(Pattern regex) {
    this.regex = regex;
  }

  /** Compiles {@code glob}; a malformed class ({@code [a-}) fails. */
  public static PathGlob compile(String glob, boolean doubleStar) {
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (doubleStar && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            re.append("(.*/)?"); // **/ matches zero or more directories
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("syntax error in pattern \"" + glob + "\"");
        }
        String body = glob.substring(i + 1, close);
        if (body.startsWith("^") || body.startsWith("!")) {
          body = "^" + body.substring(1);
        }
        re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
        i = close;
      } else if (c == '\\' && i + 1 < glob.length()) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new PathGlob(Pattern.compile(re.append('$').toString()));
  }

  /** Whether {@code glob} has any wildcard at all. */
  public static boolean hasWildcard(String glob) {
    return glob.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
  }

  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
