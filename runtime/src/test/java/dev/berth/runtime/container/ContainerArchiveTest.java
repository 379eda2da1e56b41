package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp's archives on a container filesystem laid out in a temp dir, hostile tars included. */
class ContainerArchiveTest {
  @TempDir Path dir;
  private Path root;
  private Path outside;
  private ContainerArchive archive;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(dir.resolve("rootfs"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "host secret\n");
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("app/conf"));
    Files.writeString(root.resolve("app/conf/a.txt"), "alpha\n");
    Files.setPosixFilePermissions(
        root.resolve("app/conf/a.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(root.resolve("app/latest"), Path.of("conf/a.txt"));
    archive = new ContainerArchive(new ContainerFilesystem(root, false, List.of()), "c1");
  }

  @Test
  void write_directory_isATarUnderItsBaseName() throws Exception {
    List<String> names = names(tarOf("/app"));

    assertThat(names).containsExactly("app/", "app/conf/", "app/conf/a.txt", "app/latest");
  }

  @Test
  void writeThenExtract_roundTrip_keepsContentModeAndLinks() throws Exception {
    byte[] tar = tarOf("/app");

    archive.extract("/tmp", new ByteArrayInputStream(tar), false);

    Path copied = root.resolve("tmp/app/conf/a.txt");
    assertThat(copied).hasContent("alpha");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copied)))
        .isEqualTo("rwxr-x---");
    assertThat(Files.readSymbolicLink(root.resolve("tmp/app/latest")))
        .isEqualTo(Path.of("conf/a.txt"));
  }

  @Test
  void stat_symlink_namesItsTargetInTheContainer() throws Exception {
    PathStat stat = archive.stat("/app/latest");

    assertThat(stat.name()).isEqualTo("latest");
    assertThat(stat.mode() & PathStat.GO_SYMLINK).isNotZero();
    assertThat(stat.linkTarget()).isEqualTo("/app/conf/a.txt");
    assertThat(archive.stat("/app").isDirectory()).isTrue();
  }

  @Test
  void stat_missingPath_isNotFound() {
    assertThatThrownBy(() -> archive.stat("/nope"))
        .isInstanceOf(EngineException.class)
        .extracting(e -> ((EngineException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void extract_entryClimbingOutWithDotDot_isRefused() throws Exception {
    byte[] tar = tar(file("../../outside/evil.txt", "x"));

    assertThatThrownBy(() -> archive.extract("/tmp", new ByteArrayInputStream(tar), false))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("points outside the target directory")
        .extracting(e -> ((EngineException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
    assertThat(outside.resolve("evil.txt")).doesNotExist();
    assertThat(dir.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void extract_absoluteEntryName_landsInsideTheTarget() throws Exception {
    byte[] tar = tar(file(outside.resolve("abs.txt").toString(), "x"));

    archive.extract("/tmp", new ByteArrayInputStream(tar), false);

    assertThat(outside.resolve("abs.txt")).doesNotExist();
    assertThat(root.resolve("tmp").resolve(outside.toString().substring(1)).resolve("abs.txt"))
        .hasContent("x");
  }

  @Test
  void extract_symlinkThenFileThroughIt_staysInTheContainer() throws Exception {
    byte[] tar =
        tar(
            symlink("hostdir", outside.toString()),
            file("hostdir/pwned.txt", "x"),
            symlink("up", "../../../../.."),
            file("up/top.txt", "y"));

    archive.extract("/tmp", new ByteArrayInputStream(tar), false);

    assertThat(outside.resolve("pwned.txt")).doesNotExist();
    assertThat(root.resolve(outside.toString().substring(1)).resolve("pwned.txt")).hasContent("x");
    assertThat(dir.resolve("top.txt")).doesNotExist();
    assertThat(root.resolve("top.txt")).hasContent("y");
  }

  @Test
  void extract_fileOverAnExistingSymlink_replacesTheLinkNotItsTarget() throws Exception {
    Files.createSymbolicLink(root.resolve("tmp/f"), outside.resolve("secret"));

    archive.extract("/tmp", new ByteArrayInputStream(tar(file("f", "new"))), false);

    assertThat(outside.resolve("secret")).hasContent("host secret");
    assertThat(Files.isSymbolicLink(root.resolve("tmp/f"))).isFalse();
    assertThat(root.resolve("tmp/f")).hasContent("new");
  }

  @Test
  void extract_hardLinkToAHostFile_isRefused() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("stolen", TarArchiveEntry.LF_LINK);
    link.setLinkName(outside.resolve("secret").toString());

    assertThatThrownBy(
            () -> archive.extract("/tmp", new ByteArrayInputStream(tar(entry(link, null))), false))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("hard link to a missing file");
    assertThat(root.resolve("tmp/stolen")).doesNotExist();
    assertThat(Files.getAttribute(outside.resolve("secret"), "unix:nlink")).isEqualTo(1);
  }

  @Test
  void extract_noOverwriteDirNonDir_refusesReplacingADirectoryWithAFile() throws Exception {
    Files.createDirectories(root.resolve("tmp/d"));
    byte[] tar = tar(file("d", "x"));

    assertThatThrownBy(() -> archive.extract("/tmp", new ByteArrayInputStream(tar), true))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("cannot overwrite directory /tmp/d")
        .extracting(e -> ((EngineException) e).kind())
        .isEqualTo(ErrorKind.CONFLICT);

    archive.extract("/tmp", new ByteArrayInputStream(tar), false);
    assertThat(root.resolve("tmp/d")).hasContent("x");
  }

  @Test
  void extract_intoAFile_isRefused() {
    assertThatThrownBy(
            () -> archive.extract("/app/conf/a.txt", new ByteArrayInputStream(tar()), false))
        .hasMessageContaining("extraction point is not a directory");
  }

  @Test
  void extract_intoAReadOnlyMount_isRefused() throws Exception {
    Path ro = Files.createDirectories(dir.resolve("ro"));
    ContainerArchive withMount =
        new ContainerArchive(
            new ContainerFilesystem(root, false, List.of(new HostMount("/ro", ro, true))), "c1");

    assertThatThrownBy(
            () -> withMount.extract("/ro", new ByteArrayInputStream(tar(file("x", "1"))), false))
        .extracting(e -> ((EngineException) e).kind())
        .isEqualTo(ErrorKind.PERMISSION_DENIED);
    assertThat(ro.resolve("x")).doesNotExist();
  }

  private byte[] tarOf(String path) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    archive.write(path, out);
    return out.toByteArray();
  }

  private static List<String> names(byte[] tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  private record Item(TarArchiveEntry entry, byte[] content) {}

  private static Item entry(TarArchiveEntry entry, byte[] content) {
    return new Item(entry, content);
  }

  private static Item file(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    entry.setMode(0644);
    return new Item(entry, bytes);
  }

  private static Item symlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
    entry.setLinkName(target);
    return new Item(entry, null);
  }

  private static byte[] tar(Item... items) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Item item : items) {
        tar.putArchiveEntry(item.entry());
        if (item.content() != null) {
          tar.write(item.content());
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
