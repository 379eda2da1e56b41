package dev.berth.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.loader.ServiceHash;
import dev.berth.orchestrator.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final String YAML = "services:\n  web:\n    image: busybox\n";

  private static Service web() throws Exception {
    return Projects.of(YAML).service("web").orElseThrow();
  }

  private static ContainerInfo container(int number, String hash, String image, String state) {
    Map<String, String> labels = new HashMap<>();
    labels.put(Labels.NUMBER, Integer.toString(number));
    labels.put(Labels.CONFIG_HASH, hash);
    labels.put(Labels.IMAGE, image);
    return new ContainerInfo(
        "id" + number, "p-web-" + number, "busybox", "", number, state, "", labels, List.of());
  }

  private static List<ContainerAction.Kind> kinds(List<ContainerAction> actions) {
    return actions.stream().map(ContainerAction::kind).toList();
  }

  @Test
  void plan_withNoContainers_createsEachReplica() throws Exception {
    assertThat(kinds(Planner.plan(web(), List.of(), "sha256:a", 2, RecreatePolicy.DIVERGED)))
        .containsExactly(ContainerAction.Kind.CREATE, ContainerAction.Kind.CREATE);
  }

  @Test
  void plan_withAnUnchangedRunningContainer_keepsIt() throws Exception {
    String hash = ServiceHash.of(web().attributes());
    var actions =
        Planner.plan(
            web(),
            List.of(container(1, hash, "sha256:a", "running")),
            "sha256:a",
            1,
            RecreatePolicy.DIVERGED);
    assertThat(kinds(actions)).containsExactly(ContainerAction.Kind.KEEP);
  }

  @Test
  void plan_withAStoppedUnchangedContainer_startsIt() throws Exception {
    String hash = ServiceHash.of(web().attributes());
    var actions =
        Planner.plan(
            web(),
            List.of(container(1, hash, "sha256:a", "exited")),
            "sha256:a",
            1,
            RecreatePolicy.DIVERGED);
    assertThat(kinds(actions)).containsExactly(ContainerAction.Kind.START);
  }

  @Test
  void plan_withADifferentConfigHash_recreates_unlessNoRecreate() throws Exception {
    var existing = List.of(container(1, "old", "sha256:a", "running"));
    assertThat(kinds(Planner.plan(web(), existing, "sha256:a", 1, RecreatePolicy.DIVERGED)))
        .containsExactly(ContainerAction.Kind.RECREATE);
    assertThat(kinds(Planner.plan(web(), existing, "sha256:a", 1, RecreatePolicy.NEVER)))
        .containsExactly(ContainerAction.Kind.KEEP);
  }

  @Test
  void plan_withANewImage_recreates() throws Exception {
    String hash = ServiceHash.of(web().attributes());
    var existing = List.of(container(1, hash, "sha256:old", "running"));
    assertThat(kinds(Planner.plan(web(), existing, "sha256:new", 1, RecreatePolicy.DIVERGED)))
        .containsExactly(ContainerAction.Kind.RECREATE);
  }

  @Test
  void plan_withForceRecreate_recreatesUnchangedContainers() throws Exception {
    String hash = ServiceHash.of(web().attributes());
    var existing = List.of(container(1, hash, "sha256:a", "running"));
    assertThat(kinds(Planner.plan(web(), existing, "sha256:a", 1, RecreatePolicy.FORCE)))
        .containsExactly(ContainerAction.Kind.RECREATE);
  }

  @Test
  void plan_scaledDown_removesTheHighestNumbers() throws Exception {
    String hash = ServiceHash.of(web().attributes());
    var existing =
        List.of(
            container(1, hash, "sha256:a", "running"),
            container(2, hash, "sha256:a", "running"),
            container(3, hash, "sha256:a", "running"));
    List<ContainerAction> actions =
        Planner.plan(web(), existing, "sha256:a", 1, RecreatePolicy.DIVERGED);
    assertThat(actions)
        .filteredOn(a -> a.kind() == ContainerAction.Kind.REMOVE)
        .extracting(ContainerAction::number)
        .containsExactlyInAnyOrder(2, 3);
  }
}
