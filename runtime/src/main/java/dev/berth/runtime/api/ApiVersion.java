package dev.berth.runtime.api;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine API version such as {@code 1.44}, as in {@code /v1.44/containers/json} and the
 * {@code Api-Version} header.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  /** The version berthd speaks and advertises. */
  public static final ApiVersion CURRENT = new ApiVersion(1, 44);

  /** The oldest version berthd accepts, as dockerd 25 does. */
  public static final ApiVersion MINIMUM = new ApiVersion(1, 24);

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

  public ApiVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("negative API version " + major + "." + minor);
    }
  }

  /** Parses {@code "1.44"}; throws {@link IllegalArgumentException} quoting the bad input. */
  public static ApiVersion parse(String text) {
    Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "text"));
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid API version \"" + text + "\"");
    }
    return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Whether berthd accepts requests made with this version. */
  public boolean isSupported() {
    return compareTo(MINIMUM) >= 0 && compareTo(CURRENT) <= 0;
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
