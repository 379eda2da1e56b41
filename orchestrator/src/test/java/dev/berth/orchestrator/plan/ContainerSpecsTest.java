package dev.berth.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerSpec;
import dev.berth.orchestrator.model.Project;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSpecsTest {

  private static final String YAML =
      """
      services:
        db:
          image: busybox
        web:
          image: busybox:1.36
          entrypoint: ["httpd"]
          command: ["-f"]
          environment:
            A: "1"
          ports: ["127.0.0.1:8080:80", "9000"]
          volumes:
            - data:/data
            - /srv:/srv:ro
          networks:
            default:
              aliases: [www]
            back: {}
          healthcheck:
            test: ["CMD", "true"]
            interval: 2s
            retries: 3
          restart: on-failure:4
          depends_on:
            db:
              condition: service_healthy
          secrets: [s]
          stop_grace_period: 3s
          scale: 2
      networks:
        back: {}
      volumes:
        data: {}
      secrets:
        s:
          file: /etc/hostname
      """;

  @Test
  void of_translatesTheServiceAsComposeCreatesIt() throws Exception {
    Project project = Projects.of(YAML);
    ContainerSpec spec =
        ContainerSpecs.of(project, project.service("web").orElseThrow(), 2, "sha256:abc");

    assertThat(spec.image()).isEqualTo("busybox:1.36");
    assertThat(spec.entrypoint()).containsExactly("httpd");
    assertThat(spec.command()).containsExactly("-f");
    assertThat(spec.env()).containsExactly("A=1");
    assertThat(spec.ports())
        .containsExactly(
            new ContainerSpec.PublishedPort("127.0.0.1", "8080", 80, "tcp"),
            new ContainerSpec.PublishedPort("", "", 9000, "tcp"));
    assertThat(spec.mounts())
        .contains(
            new ContainerSpec.Mount("volume", "p_data", "/data", false),
            new ContainerSpec.Mount("bind", "/srv", "/srv", true),
            new ContainerSpec.Mount("bind", "/etc/hostname", "/run/secrets/s", true));
    assertThat(spec.networks()).containsOnlyKeys("p_default", "p_back");
    assertThat(spec.networks().get("p_default")).containsExactly("web", "www");
    assertThat(spec.healthcheck().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(spec.healthcheck().retries()).isEqualTo(3);
    assertThat(spec.restart()).isEqualTo(new ContainerSpec.RestartPolicy("on-failure", 4));
    assertThat(spec.stopGracePeriod()).isEqualTo(Duration.ofSeconds(3));
    assertThat(spec.labels())
        .containsEntry(Labels.PROJECT, "p")
        .containsEntry(Labels.SERVICE, "web")
        .containsEntry(Labels.NUMBER, "2")
        .containsEntry(Labels.ONEOFF, "False")
        .containsEntry(Labels.IMAGE, "sha256:abc")
        .containsEntry(Labels.DEPENDS_ON, "db:service_healthy:false")
        .containsKey(Labels.CONFIG_HASH);
    assertThat(ContainerSpecs.replicas(project.service("web").orElseThrow())).isEqualTo(2);
  }

  @Test
  void oneOff_isLabelledOneoff_withoutPortsRestartOrAliases() throws Exception {
    Project project = Projects.of(YAML);
    ContainerSpec spec =
        ContainerSpecs.oneOff(
            project,
            project.service("web").orElseThrow(),
            "sha256:abc",
            new RunOverrides(
                List.of("echo", "hi"),
                null,
                List.of("B=2"),
                java.util.Map.of(),
                null,
                null,
                false,
                false,
                false));
    assertThat(spec.labels()).containsEntry(Labels.ONEOFF, "True").doesNotContainKey(Labels.NUMBER);
    assertThat(spec.command()).containsExactly("echo", "hi");
    assertThat(spec.env()).containsExactly("A=1", "B=2");
    assertThat(spec.ports()).isEmpty();
    assertThat(spec.restart()).isNull();
    assertThat(spec.networks().get("p_default")).isEmpty();
  }

  @Test
  void of_aServiceWithoutImage_isAnErrorNamingIt() throws Exception {
    Project project = Projects.of("services:\n  app:\n    build: .\n");
    assertThatThrownBy(
            () -> ContainerSpecs.of(project, project.service("app").orElseThrow(), 1, null))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("service \"app\" has neither an image nor a build section");
  }
}
