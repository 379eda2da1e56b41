package dev.berth.orchestrator.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/** Services as vertices, an edge from each service to every service it depends on. */
public final class DependencyGraph {
  private final Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);

  private DependencyGraph() {}

  /** Builds the graph from service name to dependency names; unknown names are ignored. */
  public static DependencyGraph of(Map<String, ? extends Collection<String>> dependencies) {
    DependencyGraph g = new DependencyGraph();
    dependencies.keySet().forEach(g.graph::addVertex);
    dependencies.forEach(
        (svc, deps) -> {
          for (String d : deps) {
            if (g.graph.containsVertex(d) && !d.equals(svc) && !g.graph.containsEdge(svc, d)) {
              g.graph.addEdge(svc, d);
            }
          }
        });
    return g;
  }

  /** One dependency cycle as {@code a -> b -> a}, or empty when there is none. */
  public Optional<List<String>> cycle() {
    if (!new CycleDetector<>(graph).detectCycles()) {
      return Optional.empty();
    }
    List<List<String>> cycles = new TarjanSimpleCycles<>(graph).findSimpleCycles();
    if (cycles.isEmpty()) {
      return Optional.empty();
    }
    List<String> shortest = cycles.get(0);
    for (List<String> c : cycles) {
      if (c.size() < shortest.size()) {
        shortest = c;
      }
    }
    List<String> out = new ArrayList<>(shortest);
    out.add(shortest.get(0));
    return Optional.of(out);
  }

  /** Services with their dependencies first; requires an acyclic graph. */
  public List<String> startOrder() {
    List<String> order = new ArrayList<>();
    new TopologicalOrderIterator<>(graph).forEachRemaining(order::add);
    java.util.Collections.reverse(order);
    return order;
  }
}
