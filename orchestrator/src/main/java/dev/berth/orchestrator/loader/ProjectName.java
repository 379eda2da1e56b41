package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.ErrorKind;
import java.util.Locale;

/** Project name rules: explicit names are validated, derived ones are normalized. */
public final class ProjectName {
  private ProjectName() {}

  /** Lower-cases, drops characters outside {@code [a-z0-9_-]} and leading {@code _}/{@code -}. */
  public static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
        sb.append(c);
      }
    }
    int start = 0;
    while (start < sb.length() && (sb.charAt(start) == '_' || sb.charAt(start) == '-')) {
      start++;
    }
    return sb.substring(start);
  }

  /** Throws unless {@code name} is already a valid project name. */
  public static void validate(String name) throws BerthException {
    if (!normalize(name).equals(name)) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid project name \""
              + name
              + "\": must consist only of lowercase alphanumeric characters, hyphens, and"
              + " underscores as well as start with a letter or number");
    }
  }
}
