package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save/load round trips, checked against skopeo and dockerd. */
class ImageArchiveTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static StandardImages images;

  @TempDir Path root;
  private ImageStore store;
  private PulledImage layered;

  @BeforeAll
  static void pushImages() {
    images = TestImages.pushStandard(RegistryFixture.shared());
  }

  @BeforeEach
  void pullLayered() throws Exception {
    store = open("a");
    layered =
        new ImagePuller(
                RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store)
            .pull(
                ImageReference.parse(images.layered().reference()),
                Platform.host(),
                PullListener.NONE);
  }

  @Test
  void save_thenLoadIntoAnotherStore_keepsEveryDigest() throws Exception {
    Path tar = save(images.layered().reference());
    ImageStore other = open("b");

    List<PulledImage> loaded;
    try (InputStream in = Files.newInputStream(tar)) {
      loaded = new ImageLoader(other, root.resolve("b/tmp")).load(in, Platform.host());
    }

    assertThat(loaded).hasSize(1);
    PulledImage back = loaded.get(0);
    assertThat(back.id()).isEqualTo(layered.id());
    assertThat(back.manifestDigest()).isEqualTo(layered.manifestDigest());
    assertThat(back.manifest().layers().stream().map(Descriptor::digest))
        .containsExactlyElementsOf(
            layered.manifest().layers().stream().map(Descriptor::digest).toList());
    ImageRecord record = other.get(images.layered().reference());
    assertThat(record.id()).isEqualTo(layered.id());
    assertThat(Files.readString(other.layerDirs(record).get(1).resolve("data/hello.txt")))
        .isEqualTo("hello from layer 2\n");
    assertThat(root.resolve("b/tmp")).isEmptyDirectory();
  }

  @Test
  void save_isReadBySkopeoAsDockerArchiveAndAsOciArchive() throws Exception {
    Path tar = save(images.layered().reference());

    JsonNode docker = inspect("docker-archive:" + tar);
    JsonNode oci = inspect("oci-archive:" + tar + ":latest");

    List<String> layers =
        layered.manifest().layers().stream().map(d -> d.digest().toString()).toList();
    // a docker-archive names layers by their uncompressed digests
    assertThat(textList(docker.get("Layers")))
        .containsExactlyElementsOf(
            layered.config().diffIds().stream().map(Object::toString).toList());
    assertThat(textList(oci.get("Layers"))).containsExactlyElementsOf(layers);
    assertThat(oci.get("Digest").asText()).isEqualTo(layered.manifestDigest().toString());
  }

  @Test
  void dockerd_loadsOurArchive_andWeLoadItsSave_withTheSameImageId() throws Exception {
    DockerCli docker = DockerdFixture.shared().cli();
    String name = "berth-images-test/layered:" + UUID.randomUUID().toString().substring(0, 8);
    store.tag(images.layered().reference(), ImageReference.parse(name));
    Path ours = save(name);
    Path theirs = root.resolve("docker-save.tar");
    try {
      docker.runChecked("load", "-i", ours.toString());
      String dockerId =
          docker.runChecked("image", "inspect", "--format", "{{.Id}}", name).stdout().strip();
      assertThat(dockerId).isEqualTo(layered.id().toString());
      docker.runChecked("save", "-o", theirs.toString(), name);
    } finally {
      docker.run(TIMEOUT, "rmi", name);
    }

    ImageStore other = open("c");
    try (InputStream in = Files.newInputStream(theirs)) {
      new ImageLoader(other, root.resolve("c/tmp")).load(in, Platform.host());
    }

    ImageRecord back = other.get(name);
    assertThat(back.id()).isEqualTo(layered.id());
    assertThat(other.config(back).diffIds()).isEqualTo(layered.config().diffIds());
    assertThat(other.layerDirs(back).get(2).resolve("data/layer3.txt")).hasContent("layer 3");
  }

  @Test
  void save_twoImages_gzipped_loadBrings_both_sharingTheirCommonLayer() throws Exception {
    new ImagePuller(RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store)
        .pull(
            ImageReference.parse(images.busybox().reference()), Platform.host(), PullListener.NONE);
    Path tar = save(images.busybox().reference(), images.layered().reference());
    Path gz = root.resolve("both.tar.gz");
    try (InputStream in = Files.newInputStream(tar);
        OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      in.transferTo(out);
    }
    ImageStore other = open("f");

    try (InputStream in = Files.newInputStream(gz)) {
      assertThat(new ImageLoader(other, root.resolve("f/tmp")).load(in, Platform.host()))
          .hasSize(2);
    }

    assertThat(other.list()).hasSize(2);
    assertThat(other.layers().list()).hasSize(3);
    assertThat(other.get(images.busybox().reference()).id())
        .isEqualTo(store.get(images.busybox().reference()).id());
  }

  @Test
  void loadLayout_ociLayoutDirectoryFromTheTestKit() throws Exception {
    OciLayout layout = TestImages.build(TestImages.layered(), root.resolve("layout"));
    ImageStore other = open("d");

    List<PulledImage> loaded =
        new ImageLoader(other, root.resolve("d/tmp")).loadLayout(layout.dir(), Platform.host());

    assertThat(loaded).hasSize(1);
    assertThat(loaded.get(0).id().toString()).isEqualTo(layout.configDigest());
    assertThat(loaded.get(0).manifestDigest().toString()).isEqualTo(layout.manifestDigest());
    assertThat(other.list()).hasSize(1);
  }

  @Test
  void load_archiveEscapingWithDotDot_isRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry e = new TarArchiveEntry("../../evil.json");
      e.setSize(2);
      tar.putArchiveEntry(e);
      tar.write("{}".getBytes());
      tar.closeArchiveEntry();
    }
    ImageStore other = open("e");

    assertThatThrownBy(
            () ->
                new ImageLoader(other, root.resolve("e/tmp"))
                    .load(new java.io.ByteArrayInputStream(bytes.toByteArray()), Platform.host()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("escapes the archive");
    assertThat(root.resolve("evil.json")).doesNotExist();
    assertThat(root.resolve("e/tmp")).isEmptyDirectory();
  }

  private Path save(String... names) throws Exception {
    Path tar = root.resolve("save-" + UUID.randomUUID() + ".tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      new ImageSaver(store).save(List.of(names), out);
    }
    return tar;
  }

  private ImageStore open(String name) throws Exception {
    return ImageStore.open(root.resolve(name), new LinuxSpecialFiles(), LayerLimits.DEFAULT);
  }

  private static JsonNode inspect(String transport) throws Exception {
    String out = HostCommand.runChecked(List.of("skopeo", "inspect", transport), TIMEOUT).stdout();
    return new ObjectMapper().readTree(out);
  }

  private static List<String> textList(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
