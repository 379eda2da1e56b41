package dev.berth.orchestrator.engine;

/**
 * An image reference split as {@code POST /images/create} wants it: {@code
 * 127.0.0.1:5000/busybox:1.36} → repository {@code 127.0.0.1:5000/busybox}, tag {@code 1.36}; a
 * digest reference keeps {@code sha256:..} as its tag; no tag means {@code latest}.
 */
public record ImageName(String repository, String tagOrDigest) {

  public static ImageName parse(String reference) {
    int at = reference.indexOf('@');
    if (at >= 0) {
      return new ImageName(reference.substring(0, at), reference.substring(at + 1));
    }
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    if (colon > slash) {
      return new ImageName(reference.substring(0, colon), reference.substring(colon + 1));
    }
    return new ImageName(reference, "latest");
  }

  /**
   * The registry the repository lives on, as Docker reads it: the first path component when it has
   * a dot or a port or is {@code localhost}, else Docker Hub ({@code docker.io}).
   */
  public String registry() {
    int slash = repository.indexOf('/');
    if (slash < 0) {
      return "docker.io";
    }
    String first = repository.substring(0, slash);
    boolean domain = first.contains(".") || first.contains(":") || first.equals("localhost");
    if (!domain || first.equals("index.docker.io") || first.equals("registry-1.docker.io")) {
      return "docker.io";
    }
    return first;
  }
}
