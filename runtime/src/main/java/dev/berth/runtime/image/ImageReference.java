package dev.berth.runtime.image;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalized image reference, parsed with Docker's grammar (distribution's {@code reference}
 * package): {@code redis} is {@code docker.io/library/redis:latest}, {@code
 * localhost:5000/x@sha256:...} keeps its registry and digest.
 *
 * @param registry the registry host, with a port when one was given; {@code docker.io} for Docker
 *     Hub
 * @param repository the repository path, e.g. {@code library/redis}
 * @param tag the tag, or null when the reference names only a digest
 * @param digest the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
  /** Docker Hub's canonical name in references. */
  public static final String DOCKER_HUB = "docker.io";

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|-+)";
  private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:"
              + DOMAIN_COMPONENT
              + "(?:\\."
              + DOMAIN_COMPONENT
              + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final int MAX_NAME_LENGTH = 255;

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("a reference needs a tag or a digest");
    }
  }

  /**
   * Parses a reference the way {@code docker pull} does, adding {@code docker.io}, {@code library/}
   * and {@code :latest} where Docker would.
   */
  public static ImageReference parse(String text) throws InvalidImageDataException {
    if (text == null || text.isEmpty()) {
      throw new InvalidImageDataException("invalid reference \"\": empty");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = parseDigest(text, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(text, "tag \"" + tag + "\" must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
      }
    }
    String[] split = splitDomain(rest);
    String registry = split[0];
    String repository = split[1];
    if (!DOMAIN.matcher(registry).matches()) {
      throw invalid(text, "registry \"" + registry + "\" is not a host[:port]");
    }
    if (!repository.equals(repository.toLowerCase(java.util.Locale.ROOT))) {
      throw invalid(text, "repository name must be lowercase");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw invalid(text, "repository \"" + repository + "\" has invalid characters");
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw invalid(text, "name longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /** This reference pinned to a digest, keeping its tag for display. */
  public ImageReference withDigest(Digest pinned) {
    return new ImageReference(registry, repository, tag, pinned);
  }

  /** This repository with another tag and no digest. */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, null);
  }

  /** The tag or digest to ask a registry for, the digest winning. */
  public String manifestReference() {
    return digest != null ? digest.toString() : tag;
  }

  public Optional<String> tagOrEmpty() {
    return Optional.ofNullable(tag);
  }

  /** {@code registry/repository}, fully qualified: {@code docker.io/library/redis}. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The full form: {@code docker.io/library/redis:7}. */
  @Override
  public String toString() {
    return name() + suffix();
  }

  /** The short form Docker prints: {@code redis:7}, {@code ghcr.io/o/r:1}. */
  public String familiar() {
    String name = name();
    if (DOCKER_HUB.equals(registry)) {
      name = repository.startsWith("library/") ? repository.substring(8) : repository;
    }
    return name + suffix();
  }

  private String suffix() {
    return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  private static String[] splitDomain(String name) {
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasDomain =
        slash >= 0
            && (first.contains(".")
                || first.contains(":")
                || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT)));
    if (!hasDomain) {
      return new String[] {DOCKER_HUB, name.contains("/") ? name : "library/" + name};
    }
    String domain = first.equals("index.docker.io") ? DOCKER_HUB : first;
    String path = name.substring(slash + 1);
    if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    return new String[] {domain, path};
  }

  private static Digest parseDigest(String text, String digest) throws InvalidImageDataException {
    try {
      return Digest.parse(digest);
    } catch (InvalidImageDataException e) {
      throw invalid(text, e.getMessage());
    }
  }

  private static InvalidImageDataException invalid(String text, String why) {
    return new InvalidImageDataException("invalid reference \"" + text + "\": " + why);
  }
}
