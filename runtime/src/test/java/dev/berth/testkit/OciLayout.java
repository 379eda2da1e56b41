package dev.berth.testkit;

import java.nio.file.Path;
import java.util.List;

/** An OCI image layout on disk holding one tagged image, with the digests it was built with. */
public record OciLayout(
    Path dir, String tag, String manifestDigest, String configDigest, List<String> layerDigests) {

  public OciLayout {
    layerDigests = List.copyOf(layerDigests);
  }

  /** The skopeo/containers-image transport reference, {@code oci:<dir>:<tag>}. */
  public String transportReference() {
    return "oci:" + dir + ":" + tag;
  }
}
