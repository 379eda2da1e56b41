package dev.berth.testkit;

/** Which manifest a push leaves in the registry. */
public enum ManifestFormat {
  /** The OCI manifest exactly as built, so its digest is the one computed here. */
  OCI,
  /** A Docker schema2 manifest converted by skopeo ({@code --format v2s2}); a new digest. */
  DOCKER_V2S2
}
