package dev.berth.testkit;

/** An image in a registry: its reference ({@code 127.0.0.1:PORT/name:tag}) and manifest digest. */
public record PushedImage(String reference, String manifestDigest, int layerCount) {

  /** {@code reference@digest}, a pull by digest. */
  public String referenceByDigest() {
    return reference.substring(0, reference.lastIndexOf(':')) + "@" + manifestDigest;
  }
}
