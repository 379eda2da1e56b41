package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds on images pulled from the test kit's registry: FROM, COPY --from=image, whiteouts. */
class BuilderFromRegistryTest {
  private static BuildEngine engine;
  private static StandardImages images;

  @TempDir Path context;

  @BeforeAll
  static void start() throws Exception {
    images = TestImages.pushStandard(RegistryFixture.shared());
    engine = new BuildEngine();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
  }

  @Test
  void build_fromAPulledMultiLayerImage_runsOnItsFilesAndDeletesThem() throws Exception {
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM "
            + images.layered().reference()
            + "\n"
            + "RUN rm data/hello.txt && rm -rf data/nested && mkdir data/nested"
            + " && echo new > data/nested/only.txt\n"
            + "COPY --from="
            + images.busybox().reference()
            + " /bin/busybox /busybox-copy\n"
            + "CMD [\"sh\", \"-c\", \"ls /data /data/nested; /busybox-copy echo copied\"]\n");
    List<String> out = new ArrayList<>();

    BuildResult result = engine.build(BuildRequest.of(context, "on-layered:1"), out);

    assertThat(String.join("", out)).contains("Step 1/4 : FROM " + images.layered().reference());
    assertThat(engine.run("on-layered:1"))
        .containsExactly(
            "/data:",
            "layer3.txt",
            "linked-hello.txt",
            "nested",
            "replaced",
            "run.sh",
            "",
            "/data/nested:",
            "only.txt",
            "copied");
    assertThat(engine.store.config(engine.store.get("on-layered:1")).diffIds()).hasSize(5);
    assertThat(result.cachedSteps()).isZero();
  }
}
