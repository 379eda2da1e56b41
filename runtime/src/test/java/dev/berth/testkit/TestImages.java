package dev.berth.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit's reproducible busybox-static test images, built in pure Java and pushed with skopeo.
 *
 * <p>{@code busybox:latest} is one rootfs layer, ready to run {@code sh}. {@code layered:latest}
 * adds a layer with a hardlink and nested directories, then a layer with a whiteout and an opaque
 * directory; {@link #LAYERED_PRESENT} and {@link #LAYERED_ABSENT} say what an unpacked rootfs must
 * and must not hold.
 */
public final class TestImages {

  /** Files the layered image's rootfs holds, each with its content. */
  public static final Map<String, String> LAYERED_PRESENT =
      Map.of(
          "data/hello.txt", "hello from layer 2\n",
          "data/linked-hello.txt", "hello from layer 2\n",
          "data/nested/deeper/file.txt", "nested\n",
          "data/replaced/new.txt", "added by layer 3\n",
          "data/layer3.txt", "layer 3\n");

  /** Files of lower layers that the layered image's top layer deletes. */
  public static final List<String> LAYERED_ABSENT =
      List.of("data/doomed.txt", "data/replaced/old.txt");

  private static final Map<RegistryFixture, StandardImages> PUSHED = new ConcurrentHashMap<>();
  private static volatile Layer rootfs;

  private TestImages() {}

  /** The single-layer busybox image, {@code busybox:latest}. */
  public static TestImage busybox() {
    return new TestImage("busybox", "latest", List.of(rootfs()), labels("busybox"));
  }

  /** The three-layer image, {@code layered:latest}: rootfs, additions, deletions. */
  public static TestImage layered() {
    return new TestImage(
        "layered",
        "latest",
        List.of(rootfs(), Layer.of(additionsLayer()), Layer.of(deletionsLayer())),
        labels("layered"));
  }

  /** Layer 2 of the layered image: files, a hardlink, nested directories. */
  public static List<LayerEntry> additionsLayer() {
    return List.of(
        LayerEntry.file("data/hello.txt", 0644, "hello from layer 2\n"),
        LayerEntry.hardlink("data/linked-hello.txt", "data/hello.txt"),
        LayerEntry.file("data/doomed.txt", 0644, "removed by a whiteout in layer 3\n"),
        LayerEntry.file("data/replaced/old.txt", 0644, "hidden by an opaque dir in layer 3\n"),
        LayerEntry.file("data/nested/deeper/file.txt", 0644, "nested\n"),
        LayerEntry.file("data/run.sh", 0755, "#!/bin/sh\necho layered\n"));
  }

  /** Layer 3 of the layered image: a whiteout, an opaque directory and one new file. */
  public static List<LayerEntry> deletionsLayer() {
    return List.of(
        LayerEntry.whiteout("data/doomed.txt"),
        LayerEntry.opaque("data/replaced"),
        LayerEntry.file("data/replaced/new.txt", 0644, "added by layer 3\n"),
        LayerEntry.file("data/layer3.txt", 0644, "layer 3\n"));
  }

  /** Writes {@code image} as an OCI layout into {@code dir}. */
  public static OciLayout build(TestImage image, Path dir) {
    return OciLayoutWriter.write(image, dir);
  }

  /** Builds {@code image} in a temp dir and pushes it as {@code registry/name:tag}. */
  public static PushedImage push(TestImage image, RegistryFixture registry, ManifestFormat format) {
    Path dir = TempDirs.create("image");
    try {
      OciLayout layout = build(image, dir);
      String reference = registry.reference(image.repoAndTag());
      Skopeo.copy(layout, reference, format);
      String digest =
          format == ManifestFormat.OCI
              ? layout.manifestDigest()
              : Skopeo.inspect(reference).get("Digest").asText();
      return new PushedImage(reference, digest, image.layers().size());
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  /** Pushes {@code busybox:latest} and {@code layered:latest} once per registry. */
  public static StandardImages pushStandard(RegistryFixture registry) {
    return PUSHED.computeIfAbsent(
        registry,
        unused ->
            new StandardImages(
                push(busybox(), registry, ManifestFormat.OCI),
                push(layered(), registry, ManifestFormat.OCI)));
  }

  private static Layer rootfs() {
    if (rootfs == null) {
      rootfs = Layer.of(BusyboxRootfs.entries());
    }
    return rootfs;
  }

  private static Map<String, String> labels(String name) {
    return Map.of("dev.berth.test.image", name, "org.opencontainers.image.title", "berth " + name);
  }
}
