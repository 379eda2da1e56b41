package dev.berth.orchestrator.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command that runs berthd: {@code $BERTH_BERTHD} (e.g. a checkout's {@code bin/berthd}) if
 * set, else this JVM's java with this JVM's class path (the berth jar shades the runtime) and
 * berthd's main class, named here and never linked. Under {@code setsid}, so the daemon has its own
 * session and outlives the terminal and the CLI that started it. {@code $BERTH_BERTHD_OPTS} adds
 * berthd options (split on blanks), e.g. {@code --bridge-name berth9 --firewall-table berth9}.
 * berthd gets this process's environment with the command's over it (in the warm CLI server, the
 * client's environment, not only the server's).
 *
 * @param command the command line, without berthd's paths
 * @param environment variables berthd gets over this process's
 */
public record DaemonLauncher(List<String> command, Map<String, String> environment) {
  static final String MAIN_CLASS = "dev.berth.runtime.server.BerthdMain";
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  public DaemonLauncher {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /** How this process would start berthd. */
  public static DaemonLauncher forThisProcess(Map<String, String> env) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    String custom = env.get("BERTH_BERTHD");
    if (custom != null && !custom.isBlank()) {
      command.add(custom);
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(MAIN_CLASS);
    }
    String options = env.getOrDefault("BERTH_BERTHD_OPTS", "").strip();
    if (!options.isEmpty()) {
      command.addAll(List.of(options.split("\\s+")));
    }
    return new DaemonLauncher(command, env);
  }

  /** The full command line for a berthd on {@code paths}. */
  List<String> commandFor(DaemonPaths paths) {
    List<String> full = new ArrayList<>(command);
    full.addAll(
        List.of(
            "--root",
            paths.root().toString(),
            "--exec-root",
            paths.execRoot().toString(),
            "--socket",
            paths.socket().toString()));
    return full;
  }
}
