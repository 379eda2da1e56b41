package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code berth ls}: the projects the engine runs containers for. */
@Command(name = "ls", description = "List running compose projects.")
final class LsCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Option(
      names = {"-a", "--all"},
      description = "Show all stopped Compose projects.")
  boolean all;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only display project names.")
  boolean quiet;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (Engine engine = EngineConnection.open(parent)) {
      Map<String, List<ContainerInfo>> projects = new TreeMap<>();
      for (ContainerInfo c : engine.containers(List.of(Labels.PROJECT), true)) {
        projects.computeIfAbsent(c.label(Labels.PROJECT).orElse(""), k -> new ArrayList<>()).add(c);
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NAME", "STATUS", "CONFIG FILES"));
      var out = parent.spec.commandLine().getOut();
      projects.forEach(
          (name, cs) -> {
            Map<String, Integer> states = new TreeMap<>();
            cs.forEach(c -> states.merge(c.state(), 1, Integer::sum));
            if (!all && !states.containsKey("running")) {
              return;
            }
            if (quiet) {
              out.println(name);
              return;
            }
            List<String> status = new ArrayList<>();
            states.forEach((s, n) -> status.add(s + "(" + n + ")"));
            rows.add(
                List.of(
                    name,
                    String.join(", ", status),
                    cs.get(0).label(Labels.CONFIG_FILES).orElse("")));
          });
      if (!quiet) {
        Tables.print(out, rows);
      }
      out.flush();
    }
    return 0;
  }
}
