package dev.berth.testkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** OCI content digests, {@code sha256:<hex>}. */
public final class Digests {

  private Digests() {}

  /** The {@code sha256:<64 hex>} digest of {@code content}. */
  public static String sha256(byte[] content) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** The hex part of a {@code sha256:<hex>} digest. */
  public static String hex(String digest) {
    if (!digest.startsWith("sha256:")) {
      throw new IllegalArgumentException("not a sha256 digest: \"" + digest + "\"");
    }
    return digest.substring("sha256:".length());
  }
}
