package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.engine.ContainerSpec;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.engine.FileTar;
import dev.berth.runtime.api.EngineException;
import java.util.List;
import java.util.Map;

/**
 * Creating a container the way compose does: create with its first network, connect the others
 * (engines before API 1.44 take one at create), then copy in secrets and configs given by content.
 */
public final class Containers {
  private Containers() {}

  /** The new container's id. */
  public static String create(Engine engine, String name, ContainerSpec spec)
      throws EngineException {
    String id = engine.create(name, spec);
    boolean first = true;
    for (Map.Entry<String, List<String>> net : spec.networks().entrySet()) {
      if (!first) {
        engine.connect(net.getKey(), id, net.getValue(), spec.ipv4Addresses().get(net.getKey()));
      }
      first = false;
    }
    if (!spec.files().isEmpty()) {
      FileTar tar = new FileTar();
      for (ContainerSpec.InjectedFile f : spec.files()) {
        String path = f.target().replaceFirst("^/+", "");
        String[] parts = path.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
          dir.append(parts[i]).append('/');
          tar.directory(dir.toString(), 0755);
        }
        tar.file(path, f.content(), f.mode());
      }
      engine.copyTo(id, "/", tar.bytes());
    }
    return id;
  }
}
