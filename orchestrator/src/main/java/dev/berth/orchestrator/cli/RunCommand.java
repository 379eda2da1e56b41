package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerSpec;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.loader.ShellWords;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.orchestrator.plan.ContainerSpecs;
import dev.berth.orchestrator.plan.RunOverrides;
import dev.berth.orchestrator.reconcile.Containers;
import dev.berth.orchestrator.reconcile.EngineRefusal;
import dev.berth.orchestrator.reconcile.OneOffs;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code berth run}: a one-off container of a service, after its dependencies are up; returns the
 * container's exit code. Without a TTY ({@code -T}) for now.
 */
@Command(name = "run", description = "Run a one-off command on a service.")
final class RunCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to run.")
  String service;

  @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments.")
  List<String> command = new ArrayList<>();

  @Option(names = "--rm", description = "Automatically remove the container when it exits.")
  boolean rm;

  @Option(
      names = {"-d", "--detach"},
      description = "Run container in background and print container name.")
  boolean detach;

  @Option(
      names = {"-T", "--no-TTY"},
      description = "Disable pseudo-TTY allocation (berth runs without a TTY either way for now).")
  boolean noTty;

  @Mixin StdinOption stdin;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "KEY[=VAL]",
      description = "Set environment variables.")
  List<String> env = new ArrayList<>();

  @Option(
      names = {"-l", "--label"},
      paramLabel = "KEY=VAL",
      description = "Add or override a label.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the entrypoint.")
  String entrypoint;

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "DIR",
      description = "Working directory inside the container.")
  String workdir;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER",
      description = "Run as specified username or uid.")
  String user;

  @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container.")
  String name;

  @Option(names = "--no-deps", description = "Don't start linked services.")
  boolean noDeps;

  @Option(
      names = {"-P", "--service-ports"},
      description = "Run command with all service's ports enabled and mapped to the host.")
  boolean servicePorts;

  @Option(names = "--use-aliases", description = "Use the service's network aliases.")
  boolean useAliases;

  @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running.")
  String pull;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, List.of(service))) {
      Project project = session.project();
      Service svc = project.service(service).orElseThrow();
      Engine engine = session.engine();
      String imageId =
          new OneOffs(engine, session.progress(), session.parallel())
              .prepare(project, svc, noDeps, pull);
      ContainerSpec spec = ContainerSpecs.oneOff(project, svc, imageId, overrides(session));
      String container =
          name != null
              ? name
              : project.name()
                  + "-"
                  + service
                  + "-run-"
                  + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
      String id;
      try {
        id = Containers.create(engine, container, spec);
      } catch (EngineException e) {
        if (EngineRefusal.isRefusal(e)) {
          throw EngineRefusal.explain(service, e);
        }
        throw e;
      }
      try {
        if (detach) {
          engine.start(id);
          session.out().println(container);
          session.out().flush();
          return 0;
        }
        try {
          engine.attach(
              id,
              stdin.interactive ? parent.host().stdin().get() : null,
              ByteOutput.of(session.out()),
              ByteOutput.of(session.err()),
              () -> engine.start(id));
        } catch (IOException e) {
          throw new EngineException(
              ErrorKind.UNAVAILABLE, "reading the output of " + container + ": " + e);
        }
        return engine.waitExit(id);
      } finally {
        if (rm && !detach) {
          engine.remove(id, true, true);
        }
      }
    }
  }

  private RunOverrides overrides(ProjectSession session) throws BerthException {
    List<String> extraEnv = new ArrayList<>();
    for (String e : env) {
      if (e.contains("=")) {
        extraEnv.add(e);
      } else if (session.project() != null && parent.host().env().containsKey(e)) {
        extraEnv.add(e + "=" + parent.host().env().get(e));
      }
    }
    Map<String, String> extraLabels = new LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq < 1) {
        throw new BerthException(
            ErrorKind.USAGE, "invalid label \"" + l + "\": expected KEY=VALUE");
      }
      extraLabels.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return new RunOverrides(
        command.isEmpty() ? null : command,
        entrypoint == null ? null : ShellWords.split(entrypoint),
        extraEnv,
        extraLabels,
        workdir,
        user,
        servicePorts,
        useAliases,
        stdin.interactive && !detach);
  }
}
