package dev.berth.orchestrator.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One service: its name and canonical attributes (every spec attribute is kept in {@code
 * attributes}), with typed views of the attributes berth acts on.
 */
public record Service(String name, MapNode attributes) {

  public Service {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** {@code image}, when set. */
  public Optional<String> image() {
    return text(attributes.get("image"));
  }

  /** {@code container_name}, when set. */
  public Optional<String> containerName() {
    return text(attributes.get("container_name"));
  }

  /** {@code profiles}; empty means always enabled. */
  public List<String> profiles() {
    List<String> out = new ArrayList<>();
    if (attributes.get("profiles") instanceof SeqNode seq) {
      seq.items().forEach(n -> text(n).ifPresent(out::add));
    }
    return out;
  }

  /** The networks the service joins. */
  public Set<String> networks() {
    return attributes.get("networks") instanceof MapNode m
        ? new LinkedHashSet<>(m.keys())
        : Set.of();
  }

  /** {@code depends_on} in long form. */
  public List<Dependency> dependsOn() {
    List<Dependency> out = new ArrayList<>();
    if (!(attributes.get("depends_on") instanceof MapNode deps)) {
      return out;
    }
    for (var e : deps.entries().entrySet()) {
      MapNode d = e.getValue() instanceof MapNode m ? m : MapNode.empty(e.getValue().mark());
      String condition = text(d.get("condition")).orElse("service_started");
      out.add(
          new Dependency(
              e.getKey(),
              Dependency.Condition.parse(condition),
              !"false".equals(text(d.get("required")).orElse("true")),
              "true".equals(text(d.get("restart")).orElse("false"))));
    }
    return out;
  }

  /** {@code ports} in long form. */
  public List<PortBinding> ports() {
    List<PortBinding> out = new ArrayList<>();
    if (!(attributes.get("ports") instanceof SeqNode seq)) {
      return out;
    }
    for (Node n : seq.items()) {
      if (n instanceof MapNode p) {
        out.add(
            new PortBinding(
                text(p.get("host_ip")).orElse(""),
                Integer.parseInt(text(p.get("target")).orElse("0")),
                text(p.get("published")).orElse(""),
                text(p.get("protocol")).orElse("tcp"),
                text(p.get("mode")).orElse("ingress")));
      }
    }
    return out;
  }

  private static Optional<String> text(Node n) {
    return n instanceof ScalarNode s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
  }
}
