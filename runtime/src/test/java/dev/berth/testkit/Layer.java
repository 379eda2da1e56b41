package dev.berth.testkit;

import java.util.List;

/** A gzipped layer blob with its digest and the diff id of its uncompressed tar. */
public record Layer(byte[] blob, String digest, String diffId, List<LayerEntry> entries) {

  /** The OCI media type of the layers this kit writes. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

  public Layer {
    blob = blob.clone();
    entries = List.copyOf(entries);
  }

  /** Tars and gzips {@code entries} reproducibly. */
  public static Layer of(List<LayerEntry> entries) {
    byte[] tar = ReproducibleTar.of(entries);
    byte[] blob = ReproducibleGzip.compress(tar);
    return new Layer(blob, Digests.sha256(blob), Digests.sha256(tar), entries);
  }

  /** The gzipped tar (a copy). */
  @Override
  public byte[] blob() {
    return blob.clone();
  }

  /** Layers are equal when their blobs are: the digests say so. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Layer that && digest.equals(that.digest) && diffId.equals(that.diffId);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "Layer[" + digest + ", " + entries.size() + " entries]";
  }

  public long size() {
    return blob.length;
  }
}
