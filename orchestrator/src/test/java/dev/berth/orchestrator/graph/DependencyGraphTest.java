package dev.berth.orchestrator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void cycle_twoServicesDependingOnEachOther_namesTheCycle() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("a", List.of("b"));
    deps.put("b", List.of("a"));
    deps.put("c", List.of());
    assertThat(DependencyGraph.of(deps).cycle()).isPresent();
    List<String> cycle = DependencyGraph.of(deps).cycle().orElseThrow();
    assertThat(cycle).hasSize(3).containsOnly("a", "b");
    assertThat(cycle.get(0)).isEqualTo(cycle.get(2));
  }

  @Test
  void startOrder_putsDependenciesFirst() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("web", List.of("db", "cache"));
    deps.put("db", List.of());
    deps.put("cache", List.of("db"));
    DependencyGraph g = DependencyGraph.of(deps);
    assertThat(g.cycle()).isEmpty();
    List<String> order = g.startOrder();
    assertThat(order.indexOf("db")).isLessThan(order.indexOf("cache"));
    assertThat(order.indexOf("cache")).isLessThan(order.indexOf("web"));
  }

  @Test
  void of_unknownDependency_isIgnored() {
    assertThat(DependencyGraph.of(Map.of("a", List.of("ghost"))).cycle()).isEmpty();
  }
}
