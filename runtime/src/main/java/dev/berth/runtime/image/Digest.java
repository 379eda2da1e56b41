package dev.berth.runtime.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:e3b0c442...}; see the OCI image spec, "Digests".
 *
 * <p>Only sha256 and sha512 are accepted, as by Docker; the hex part is lower case.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    boolean valid =
        ("sha256".equals(algorithm) && hex != null && SHA256.matcher(hex).matches())
            || ("sha512".equals(algorithm) && hex != null && SHA512.matcher(hex).matches());
    if (!valid) {
      throw new IllegalArgumentException("invalid digest \"" + algorithm + ":" + hex + "\"");
    }
  }

  /** Parses {@code algorithm:hex}, quoting the input when it is not a digest. */
  public static Digest parse(String text) throws InvalidImageDataException {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new InvalidImageDataException("invalid digest \"" + text + "\": want sha256:<64 hex>");
    }
    try {
      return new Digest(text.substring(0, colon), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidImageDataException(
          "invalid digest \"" + text + "\": want sha256:<64 hex> or sha512:<128 hex>");
    }
  }

  /** The sha256 digest of these bytes. */
  public static Digest sha256(byte[] content) {
    return fromHash("sha256", newSha256().digest(content));
  }

  /** Wraps a finished hash computed with {@link #newSha256()} or an equivalent. */
  public static Digest fromHash(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /** A fresh sha256 hasher. */
  public static MessageDigest newSha256() {
    return newHasher("sha256");
  }

  /** A fresh hasher for this digest's algorithm, to verify content against it. */
  public MessageDigest newHasher() {
    return newHasher(algorithm);
  }

  /** The hex part shortened to 12 characters, as Docker shows image IDs. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  private static MessageDigest newHasher(String algorithm) {
    try {
      return MessageDigest.getInstance("sha256".equals(algorithm) ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
