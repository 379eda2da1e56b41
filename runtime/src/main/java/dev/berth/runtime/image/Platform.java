package dev.berth.runtime.image;

import java.util.Locale;
import java.util.Objects;

/**
 * An OS and CPU an image runs on, as in an OCI index's {@code platform} ({@code linux/arm64/v8}).
 *
 * @param variant the CPU variant, or empty when none
 */
public record Platform(String os, String architecture, String variant) {
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
  }

  /** Parses {@code os/arch[/variant]}, normalizing architecture names as Docker does. */
  public static Platform parse(String text) throws InvalidImageDataException {
    String[] parts = text == null ? new String[0] : text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new InvalidImageDataException(
          "invalid platform \"" + text + "\": want os/arch[/variant], e.g. linux/amd64");
    }
    return normalize(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** The platform of the JVM's host, e.g. {@code linux/amd64}. */
  public static Platform host() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return normalize(os.startsWith("linux") ? "linux" : os, System.getProperty("os.arch"), "");
  }

  /** Maps the aliases Docker accepts (x86_64, aarch64, armhf) to OCI names. */
  public static Platform normalize(String os, String architecture, String variant) {
    String arch = architecture.toLowerCase(Locale.ROOT);
    String v = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64", "x86-64" -> arch = "amd64";
      case "aarch64" -> {
        arch = "arm64";
        v = v.equals("8") ? "v8" : v;
      }
      case "armhf" -> {
        arch = "arm";
        v = "v7";
      }
      case "armel" -> {
        arch = "arm";
        v = "v6";
      }
      case "i386", "i686", "x86" -> arch = "386";
      default -> {}
    }
    if (arch.equals("arm64") && v.equals("v8")) {
      v = "";
    }
    return new Platform(os.toLowerCase(Locale.ROOT), arch, v);
  }

  /**
   * Whether an image built for {@code candidate} suits this wanted platform. An unspecified variant
   * on either side matches any.
   */
  public boolean accepts(Platform candidate) {
    Platform c = normalize(candidate.os, candidate.architecture, candidate.variant);
    return os.equals(c.os)
        && architecture.equals(c.architecture)
        && (variant.isEmpty() || c.variant.isEmpty() || variant.equals(c.variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
