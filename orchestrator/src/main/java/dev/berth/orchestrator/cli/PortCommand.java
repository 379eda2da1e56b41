package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth port}: the host address a service's container port is published on. */
@Command(name = "port", description = "Print the public port for a port binding.")
final class PortCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(index = "0", paramLabel = "SERVICE")
  String service;

  @Parameters(index = "1", paramLabel = "PRIVATE_PORT")
  int port;

  @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp or udp.")
  String protocol = "tcp";

  @Option(names = "--index", paramLabel = "N", description = "Index of the container.")
  int index = 1;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, List.of(service))) {
      String project = session.project().name();
      for (ContainerInfo c :
          session.engine().containers(Labels.ofService(project, service), true)) {
        if (!c.label(Labels.NUMBER).orElse("").equals(Integer.toString(index))) {
          continue;
        }
        for (ContainerInfo.Port p : c.ports()) {
          if (p.containerPort() == port && protocol.equals(p.protocol()) && p.hostPort() != null) {
            session.out().println((p.hostIp() == null ? "" : p.hostIp()) + ":" + p.hostPort());
            session.out().flush();
            return 0;
          }
        }
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            "no port " + port + "/" + protocol + " for container " + c.name() + " is published");
      }
      throw new BerthException(
          ErrorKind.NOT_FOUND, "service \"" + service + "\" has no container " + index);
    }
  }
}
