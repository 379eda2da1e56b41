package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result berth(Path cwd, Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BerthMain.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            HostContext.withInput(cwd, env, stdin));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void config_findsTheFileInAParentDirectory_andUsesItsDirectoryName() throws IOException {
    Path project = Files.createDirectories(dir.resolve("My_App"));
    Files.writeString(project.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n");
    Path sub = Files.createDirectories(project.resolve("src/deep"));
    Result r = berth(sub, Map.of(), "", "config");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "name: my_app\nservices:\n  web:\n    image: nginx\n    networks:\n      default: null\n"
                + "networks:\n  default:\n    name: my_app_default\n");
  }

  @Test
  void config_shellEnvironmentBeatsDotEnv_andDollarsAreReEscaped() throws IOException {
    Files.writeString(dir.resolve(".env"), "TAG=fromfile\nOTHER=o\n");
    Files.writeString(
        dir.resolve("compose.yaml"),
        "services:\n  web:\n    image: nginx:${TAG}-${OTHER}\n    command: echo $$HOME\n");
    Result r = berth(dir, Map.of("TAG", "fromshell"), "", "-p", "p", "config");
    assertThat(r.out()).contains("image: nginx:fromshell-o").contains("- $$HOME");
  }

  @Test
  void config_readsStandardInput_andWritesJson() {
    Result r =
        berth(
            dir,
            Map.of(),
            "services:\n  a:\n    image: x\n",
            "-f",
            "-",
            "-p",
            "p",
            "config",
            "--format",
            "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\n  \"name\": \"p\",").contains("\"image\": \"x\"");
  }

  @Test
  void configHash_isStable_andChangesWithTheService() throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  a:\n    image: x\n");
    String first = berth(dir, Map.of(), "", "-p", "p", "config", "--hash", "*").out();
    assertThat(berth(dir, Map.of(), "", "-p", "p", "config", "--hash", "a").out()).isEqualTo(first);
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  a:\n    image: y\n");
    assertThat(berth(dir, Map.of(), "", "-p", "p", "config", "--hash", "a").out())
        .isNotEqualTo(first)
        .matches("a [0-9a-f]{64}\n");
  }

  @Test
  void config_invalidFile_printsALocatedErrorAndExits1() throws IOException {
    Files.writeString(
        dir.resolve("compose.yaml"), "services:\n  a:\n    image: x\n    portz: []\n");
    Result r = berth(dir, Map.of(), "", "config", "-q");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "berth: compose.yaml:4:5: services.a additional properties 'portz' not allowed");
  }

  @Test
  void config_outputFile_andListings() throws IOException {
    Files.writeString(
        dir.resolve("compose.yaml"),
        "services:\n  a:\n    image: x\n    volumes: [data:/data]\n  b:\n    build: .\n"
            + "    profiles: [dev]\nvolumes:\n  data: {}\n");
    assertThat(berth(dir, Map.of(), "", "-p", "p", "config", "--services").out()).isEqualTo("a\n");
    assertThat(berth(dir, Map.of(), "", "-p", "p", "--profile", "*", "config", "--images").out())
        .isEqualTo("x\np-b\n");
    assertThat(berth(dir, Map.of(), "", "-p", "p", "config", "--volumes").out())
        .isEqualTo("data\n");
    Result profiles = berth(dir, Map.of(), "", "-p", "p", "config", "--profiles");
    assertThat(profiles.out()).as(profiles.err()).isEqualTo("dev\n");
    berth(dir, Map.of(), "", "-p", "p", "config", "-o", "out.yaml");
    assertThat(Files.readString(dir.resolve("out.yaml"))).startsWith("name: p\n");
  }
}
