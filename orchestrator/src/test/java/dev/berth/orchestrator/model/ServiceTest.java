package dev.berth.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTest {
  @TempDir Path dir;

  @Test
  void typedViews_readTheCanonicalAttributes() throws Exception {
    String yaml =
        "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\", \"9000\"]\n"
            + "    depends_on:\n      db:\n        condition: service_healthy\n"
            + "  db:\n    image: postgres\n";
    LoadRequest req =
        new LoadRequest(
            dir,
            Map.of(),
            List.of("-"),
            "p",
            null,
            List.of(),
            List.of(),
            List.of(),
            Set.of(),
            yaml);
    Project project = ComposeLoader.load(req).project();
    Service web = project.service("web").orElseThrow();
    assertThat(web.image()).contains("nginx");
    assertThat(web.networks()).containsExactly("default");
    assertThat(web.dependsOn())
        .containsExactly(new Dependency("db", Dependency.Condition.SERVICE_HEALTHY, true, false));
    assertThat(web.ports())
        .containsExactly(
            new PortBinding("", 80, "8080", "tcp", "ingress"),
            new PortBinding("", 9000, "", "tcp", "ingress"));
    assertThat(project.serviceList()).extracting(Service::name).containsExactly("web", "db");
  }
}
