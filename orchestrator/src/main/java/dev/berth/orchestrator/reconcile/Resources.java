package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.engine.NetworkSettings;
import dev.berth.orchestrator.engine.ResourceInfo;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.plan.ContainerSpecs;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.BerthVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The project's networks and volumes: created when missing, external ones checked. */
final class Resources {
  private final Engine engine;
  private final Progress progress;

  Resources(Engine engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  void createNetworks(Project project) throws BerthException, EngineException {
    for (Map.Entry<String, Node> e : project.section("networks").entries().entrySet()) {
      MapNode def = e.getValue() instanceof MapNode m ? m : MapNode.empty(e.getValue().mark());
      String name = ContainerSpecs.networkName(project, e.getKey());
      Optional<ResourceInfo> found = engine.network(name);
      if (flag(def, "external")) {
        if (found.isEmpty()) {
          throw new BerthException(
              ErrorKind.NOT_FOUND,
              "network " + name + " declared as external, but could not be found");
        }
        continue;
      }
      if (found.isPresent()) {
        warnIfForeign("network", name, found.get(), project);
        continue;
      }
      progress.event("Network", name, "Creating");
      engine.createNetwork(name, settings(def), labels(def, project, Labels.NETWORK, e.getKey()));
      progress.event("Network", name, "Created");
    }
  }

  void createVolumes(Project project) throws BerthException, EngineException {
    for (Map.Entry<String, Node> e : project.section("volumes").entries().entrySet()) {
      MapNode def = e.getValue() instanceof MapNode m ? m : MapNode.empty(e.getValue().mark());
      String name = ContainerSpecs.volumeName(project, e.getKey());
      Optional<ResourceInfo> found = engine.volume(name);
      if (flag(def, "external")) {
        if (found.isEmpty()) {
          throw new BerthException(
              ErrorKind.NOT_FOUND, "external volume \"" + name + "\" not found");
        }
        continue;
      }
      if (found.isPresent()) {
        warnIfForeign("volume", name, found.get(), project);
        continue;
      }
      progress.event("Volume", name, "Creating");
      engine.createVolume(
          name,
          text(def, "driver", "local"),
          strings(def.get("driver_opts")),
          labels(def, project, Labels.VOLUME, e.getKey()));
      progress.event("Volume", name, "Created");
    }
  }

  private void warnIfForeign(String kind, String name, ResourceInfo found, Project project) {
    if (!project.name().equals(found.labels().get(Labels.PROJECT))) {
      progress.warn(
          kind
              + " \""
              + name
              + "\" exists but was not created for project \""
              + project.name()
              + "\". Set `external: true` to use an existing "
              + kind);
    }
  }

  private static Map<String, String> labels(
      MapNode def, Project project, String keyLabel, String key) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (def.get("labels") instanceof MapNode m) {
      m.entries().forEach((k, v) -> labels.put(k, v instanceof ScalarNode s ? s.text() : ""));
    }
    labels.put(Labels.PROJECT, project.name());
    labels.put(keyLabel, key);
    labels.put(Labels.VERSION, BerthVersion.version());
    return labels;
  }

  /** A compose network's {@code driver}, flags, {@code driver_opts} and {@code ipam}. */
  private static NetworkSettings settings(MapNode def) {
    List<NetworkSettings.Pool> pools = new ArrayList<>();
    String ipamDriver = null;
    Map<String, String> ipamOptions = Map.of();
    if (def.get("ipam") instanceof MapNode ipam) {
      ipamDriver = text(ipam, "driver", null);
      ipamOptions = strings(ipam.get("options"));
      if (ipam.get("config") instanceof SeqNode config) {
        for (Node item : config.items()) {
          if (item instanceof MapNode pool) {
            pools.add(
                new NetworkSettings.Pool(
                    text(pool, "subnet", null),
                    text(pool, "ip_range", null),
                    text(pool, "gateway", null),
                    strings(pool.get("aux_addresses"))));
          }
        }
      }
    }
    return new NetworkSettings(
        text(def, "driver", "bridge"),
        flag(def, "internal"),
        flag(def, "attachable"),
        strings(def.get("driver_opts")),
        ipamDriver,
        ipamOptions,
        pools);
  }

  /** A map of scalars as strings (an absent one: empty). */
  private static Map<String, String> strings(Node node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node instanceof MapNode m) {
      m.entries()
          .forEach((k, v) -> out.put(k, v instanceof ScalarNode s && !s.isNull() ? s.text() : ""));
    }
    return out;
  }

  private static boolean flag(MapNode def, String key) {
    return def.get(key) instanceof ScalarNode s && s.text().equals("true");
  }

  private static String text(MapNode def, String key, String fallback) {
    return def.get(key) instanceof ScalarNode s && !s.isNull() ? s.text() : fallback;
  }
}
