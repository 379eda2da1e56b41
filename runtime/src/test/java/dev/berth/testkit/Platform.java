package dev.berth.testkit;

/** The host's OCI platform: {@code linux} and the Go name of the JVM's architecture. */
public final class Platform {

  private Platform() {}

  /** {@code amd64} on x86_64, {@code arm64} on aarch64, and so on in Go's spelling. */
  public static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> throw new IllegalStateException("no OCI architecture name for os.arch " + arch);
    };
  }

  public static String os() {
    return "linux";
  }
}
