package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.runtime.api.ErrorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secrets and configs given by {@code environment: VAR} take the variable's value from the
 * project's environment, as Compose does; afterwards they read as {@code content}.
 */
public final class InlineSources {
  private InlineSources() {}

  public static Project resolve(Project project, Map<String, String> environment)
      throws BerthException {
    MapNode tree = project.tree();
    for (String kind : new String[] {"secrets", "configs"}) {
      MapNode section = project.section(kind);
      Map<String, Node> out = new LinkedHashMap<>(section.entries());
      for (Map.Entry<String, Node> e : section.entries().entrySet()) {
        if (e.getValue() instanceof MapNode def
            && Attrs.text(def, "environment").isPresent()
            && Attrs.text(def, "file").isEmpty()) {
          String var = Attrs.text(def, "environment").get();
          String value = environment.get(var);
          if (value == null) {
            throw new BerthException(
                ErrorKind.INVALID_ARGUMENT,
                kind + "." + e.getKey() + ": environment variable " + var + " is not set");
          }
          out.put(
              e.getKey(),
              def.without("environment").with("content", ScalarNode.string(value, def.mark())));
        }
      }
      if (!section.entries().isEmpty()) {
        tree = tree.with(kind, new MapNode(out, section.mark()));
      }
    }
    return new Project(project.name(), project.workingDir(), project.configFiles(), tree);
  }
}
