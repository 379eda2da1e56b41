package dev.berth.orchestrator.cli;

import dev.berth.runtime.api.BerthVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth version}: the same output shapes as {@code docker compose version}. */
@Command(name = "version", description = "Show the berth version information.")
final class VersionCommand implements Runnable {

  /** Output formats of {@code docker compose version --format}. */
  enum Format {
    pretty,
    json
  }

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "Format the output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.pretty;

  @Option(names = "--short", description = "Show only the version number.")
  boolean shortForm;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    String version = BerthVersion.version();
    String line;
    if (shortForm) {
      line = version;
    } else if (format == Format.json) {
      line = "{\"version\":\"v" + version + "\"}";
    } else {
      line = "berth version v" + version;
    }
    spec.commandLine().getOut().println(line);
  }

  /** Answers {@code berth --version} with the same line as {@code berth version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"berth version v" + BerthVersion.version()};
    }
  }
}
