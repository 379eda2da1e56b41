package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.ExecSpec;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth exec}: runs a command in a service's running container; its exit code. */
@Command(name = "exec", description = "Execute a command in a running container.")
final class ExecCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
  String service;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "Command.")
  List<String> command = new ArrayList<>();

  @Option(
      names = {"-T", "--no-TTY"},
      description = "Disable pseudo-TTY allocation (berth runs without a TTY either way for now).")
  boolean noTty;

  @Mixin StdinOption stdin;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "KEY=VAL",
      description = "Set environment variables.")
  List<String> env = new ArrayList<>();

  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER",
      description = "Run the command as this user.")
  String user;

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "DIR",
      description = "Path to workdir directory for this command.")
  String workdir;

  @Option(names = "--privileged", description = "Give extended privileges to the process.")
  boolean privileged;

  @Option(names = "--index", paramLabel = "N", description = "Index of the container (replica).")
  int index = 1;

  @Option(
      names = {"-d", "--detach"},
      description = "Detached mode (not supported yet).")
  boolean detach;

  @Override
  public Integer call() throws BerthException, EngineException {
    if (detach) {
      throw new BerthException(ErrorKind.UNSUPPORTED, "exec -d is not supported yet");
    }
    try (ProjectSession session = ProjectSession.open(parent, List.of(service))) {
      String project = session.project().name();
      ContainerInfo target =
          session.engine().containers(Labels.ofService(project, service), false).stream()
              .filter(c -> c.label(Labels.NUMBER).orElse("").equals(Integer.toString(index)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new BerthException(
                          ErrorKind.NOT_FOUND,
                          "service \""
                              + service
                              + "\" is not running (no container "
                              + index
                              + ")"));
      try {
        return session
            .engine()
            .exec(
                target.id(),
                new ExecSpec(command, env, user, workdir, privileged),
                stdin.interactive ? parent.host().stdin().get() : null,
                ByteOutput.of(session.out()),
                ByteOutput.of(session.err()));
      } catch (IOException e) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE, "exec in " + target.name() + ": " + e.getMessage());
      }
    }
  }
}
