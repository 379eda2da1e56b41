package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.image.ImageConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each instruction's effect on the built image's config and files. */
class BuilderInstructionsTest {
  private static BuildEngine engine;

  @TempDir Path context;

  @BeforeAll
  static void start() throws Exception {
    engine = new BuildEngine();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
  }

  private void write(String name, String text) throws Exception {
    Path p = context.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private String build(String dockerfile, String tag) throws Exception {
    Files.copy(
        Path.of("/bin/busybox"),
        context.resolve("busybox"),
        StandardCopyOption.COPY_ATTRIBUTES,
        StandardCopyOption.REPLACE_EXISTING);
    write("Dockerfile", dockerfile);
    engine.build(BuildRequest.of(context, tag), new ArrayList<>());
    return tag;
  }

  private static final String BASE =
      "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

  @Test
  void metadataInstructions_setTheImageConfig() throws Exception {
    build(
        BASE
            + "ENV A=1 B=\"two words\"\n"
            + "ENV LEGACY value with spaces\n"
            + "LABEL com.example.a=x \"b\"=\"y z\"\n"
            + "EXPOSE 80 53/udp 8000-8001\n"
            + "VOLUME /data /other\n"
            + "VOLUME [\"/json\"]\n"
            + "USER 1000:1000\n"
            + "WORKDIR rel\n"
            + "STOPSIGNAL SIGINT\n"
            + "HEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost\n"
            + "ENTRYPOINT [\"/bin/sh\"]\n"
            + "CMD [\"-c\", \"echo hi\"]\n",
        "meta:1");

    ImageConfig config = engine.store.config(engine.store.get("meta:1"));
    assertThat(config.env()).contains("A=1", "B=two words", "LEGACY=value with spaces");
    assertThat(config.labels()).isEqualTo(Map.of("com.example.a", "x", "b", "y z"));
    assertThat(config.exposedPorts())
        .containsExactlyInAnyOrder("80/tcp", "53/udp", "8000/tcp", "8001/tcp");
    assertThat(config.volumes()).containsExactlyInAnyOrder("/data", "/other", "/json");
    assertThat(config.user()).isEqualTo("1000:1000");
    assertThat(config.workingDir()).isEqualTo("/rel");
    assertThat(config.stopSignal()).isEqualTo("SIGINT");
    assertThat(config.healthcheck().test()).containsExactly("CMD-SHELL", "wget -q localhost");
    assertThat(config.healthcheck().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.healthcheck().retries()).isEqualTo(2);
    assertThat(config.entrypoint()).containsExactly("/bin/sh");
    assertThat(config.cmd()).containsExactly("-c", "echo hi");
    assertThat(engine.run("meta:1")).containsExactly("hi");
  }

  @Test
  void shell_changesTheShellOfLaterRuns() throws Exception {
    build(
        BASE
            + "SHELL [\"/bin/sh\", \"-ec\"]\n"
            + "RUN echo $- > /shell-flags\n"
            + "FROM scratch\n"
            + "COPY --from=0 /bin/busybox /bin/busybox\n"
            + "COPY --from=0 /shell-flags /\n"
            + "CMD [\"/bin/busybox\", \"cat\", \"/shell-flags\"]\n",
        "shell:1");

    assertThat(engine.run("shell:1")).singleElement().asString().contains("e");
  }

  @Test
  void entrypoint_clearsAnInheritedCmd() throws Exception {
    build(BASE + "CMD [\"x\"]\n", "inherit:1");
    Files.delete(context.resolve("Dockerfile"));
    write("Dockerfile", "FROM inherit:1\nENTRYPOINT [\"/bin/echo\"]\nHEALTHCHECK NONE\n");
    engine.build(BuildRequest.of(context, "inherit:2"), new ArrayList<>());

    ImageConfig config = engine.store.config(engine.store.get("inherit:2"));
    assertThat(config.cmd()).isEmpty();
    assertThat(config.entrypoint()).containsExactly("/bin/echo");
    assertThat(config.healthcheck().test()).containsExactly("NONE");
  }

  @Test
  void copy_chownChmodGlobsAndDirectories() throws Exception {
    write("src/a.txt", "a\n");
    write("src/sub/b.txt", "b\n");
    write("one.conf", "1\n");
    write("two.conf", "2\n");
    build(
        BASE
            + "RUN echo 'app:x:1000:1000::/:/bin/sh' >> /etc/passwd\n"
            + "COPY --chown=app --chmod=640 src /dst/\n"
            + "COPY *.conf /conf/\n"
            + "COPY [\"one.conf\", \"/renamed.conf\"]\n"
            + "CMD [\"sh\", \"-c\", \"stat -c '%n %u:%g %a' /dst/a.txt /dst/sub/b.txt /conf/one.conf"
            + " /conf/two.conf /renamed.conf\"]\n",
        "copy:1");

    assertThat(engine.run("copy:1"))
        .containsExactly(
            "/dst/a.txt 1000:1000 640",
            "/dst/sub/b.txt 1000:1000 640",
            "/conf/one.conf 0:0 644",
            "/conf/two.conf 0:0 644",
            "/renamed.conf 0:0 644");
  }

  @Test
  void add_localTarArchive_isExtracted_butCopyKeepsItWhole() throws Exception {
    Path tar = context.resolve("files.tar.gz");
    try (OutputStream raw = Files.newOutputStream(tar);
        TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
      byte[] content = "inside\n".getBytes();
      TarArchiveEntry e = new TarArchiveEntry("pkg/file.txt");
      e.setSize(content.length);
      out.putArchiveEntry(e);
      out.write(content);
      out.closeArchiveEntry();
    }
    build(
        BASE
            + "ADD files.tar.gz /opt/\n"
            + "COPY files.tar.gz /kept/\n"
            + "CMD [\"sh\", \"-c\", \"cat /opt/pkg/file.txt; ls /kept\"]\n",
        "add:1");

    assertThat(engine.run("add:1")).containsExactly("inside", "files.tar.gz");
  }

  @Test
  void copy_symlinkOutOfTheContext_staysInsideTheContext() throws Exception {
    Files.createDirectories(context.resolve("etc"));
    Files.writeString(context.resolve("etc/passwd"), "context-passwd\n");
    Files.createSymbolicLink(context.resolve("escape"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(context.resolve("climb"), Path.of("../../../../../../etc/passwd"));
    build(
        BASE
            + "COPY escape /escape\n"
            + "COPY climb /climb\n"
            + "CMD [\"cat\", \"/escape\", \"/climb\"]\n",
        "hostile:1");

    assertThat(engine.run("hostile:1")).containsExactly("context-passwd", "context-passwd");
  }

  @Test
  void copy_fromNamedContextAndMissingSources() throws Exception {
    Path extra = Files.createDirectories(context.resolve("../named-" + System.nanoTime()));
    Files.writeString(extra.resolve("tool.sh"), "echo tool\n");
    Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
    write("Dockerfile", BASE + "COPY --from=tools tool.sh /tool.sh\nCMD [\"sh\", \"/tool.sh\"]\n");
    engine.build(
        BuildRequest.of(context, "named:1").withContexts(Map.of("tools", extra)),
        new ArrayList<>());
    assertThat(engine.run("named:1")).containsExactly("tool");

    write("Dockerfile", "FROM scratch\nCOPY missing.txt /\n");
    assertThatThrownBy(() -> engine.build(BuildRequest.of(context), new ArrayList<>()))
        .hasMessageContaining("Dockerfile:2: COPY: \"missing.txt\": not found in build context");
  }

  @Test
  void add_url_failsAsNotYetSupported() throws Exception {
    write("Dockerfile", "FROM scratch\nADD https://example.com/x /x\n");
    assertThatThrownBy(() -> engine.build(BuildRequest.of(context), new ArrayList<>()))
        .hasMessage(
            "Dockerfile:2: ADD: ADD <url> is not supported by berth yet: https://example.com/x");
  }

  @Test
  void undefinedTarget_andUnconsumedBuildArgs() throws Exception {
    write("Dockerfile", "FROM scratch\nLABEL a=b\n");
    assertThatThrownBy(
            () -> engine.build(BuildRequest.of(context).withTarget("nope"), new ArrayList<>()))
        .hasMessage("target stage \"nope\" could not be found");
    List<String> out = new ArrayList<>();
    engine.build(
        BuildRequest.of(context).withBuildArgs(Map.of("UNUSED", "1", "HTTP_PROXY", "x")), out);
    assertThat(out).contains("[Warning] One or more build-args [UNUSED] were not consumed\n");
  }

  @Test
  void dockerfileInSubdirWithItsOwnIgnoreFile_inlineDockerfile_andNoCache() throws Exception {
    write("docker/app.Dockerfile", "FROM scratch\nCOPY . /ctx/\n");
    write("docker/app.Dockerfile.dockerignore", "secret\n");
    write(".dockerignore", "kept\n");
    write("secret", "s\n");
    write("kept", "k\n");
    BuildRequest sub =
        new BuildRequest(
            context,
            "docker/app.Dockerfile",
            null,
            List.of("subdir:1"),
            Map.of(),
            Map.of(),
            "",
            false,
            false,
            "default",
            List.of(),
            0,
            Map.of());
    engine.build(sub, new ArrayList<>());
    BuildRequest inline =
        new BuildRequest(
            context,
            "Dockerfile",
            "FROM subdir:1\nLABEL inline=yes\n",
            List.of("inline:1"),
            Map.of(),
            Map.of(),
            "",
            false,
            false,
            "default",
            List.of(),
            0,
            Map.of());
    engine.build(inline, new ArrayList<>());
    List<String> again = new ArrayList<>();
    BuildResult rebuilt = engine.build(sub.withNoCache(true), again);

    var layers = engine.store.layerDirs(engine.store.get("subdir:1"));
    Path ctx = layers.get(layers.size() - 1).resolve("ctx");
    assertThat(ctx.resolve("kept")).exists();
    assertThat(ctx.resolve("secret")).doesNotExist();
    assertThat(engine.store.config(engine.store.get("inline:1")).labels())
        .containsEntry("inline", "yes");
    assertThat(rebuilt.cachedSteps()).isZero();
    assertThat(String.join("", again)).doesNotContain("Using cache");
  }
}
