package dev.berth.orchestrator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags {@code docker compose} takes before its subcommand, with the same names. */
public final class GlobalOptions {

  /** How progress is shown, as {@code docker compose --progress}. */
  public enum Progress {
    auto,
    tty,
    plain,
    json,
    quiet
  }

  /** When to colour output, as {@code docker compose --ansi}. */
  public enum Ansi {
    never,
    always,
    auto
  }

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Compose configuration files; repeat to merge them, '-' reads standard input.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-p", "--project-name"},
      paramLabel = "NAME",
      description = "Project name.")
  String projectName;

  @Option(
      names = "--project-directory",
      paramLabel = "DIR",
      description = "Alternate working directory (default: the directory of the first file).")
  Path projectDirectory;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Alternate environment files; repeatable.")
  List<Path> envFiles = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "Profile to enable; repeatable.")
  List<String> profiles = new ArrayList<>();

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description = "How to show progress: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Progress progress = Progress.auto;

  @Option(
      names = "--ansi",
      paramLabel = "WHEN",
      description =
          "When to print ANSI control characters: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  Ansi ansi = Ansi.auto;

  @Option(names = "--dry-run", description = "Show what would be done without doing it.")
  boolean dryRun;

  @Option(
      names = "--host",
      paramLabel = "SOCKET",
      description = "Engine to drive (default: $BERTH_HOST, else berthd's own socket).")
  String host;

  @Option(names = "--debug", description = "Show stack traces and engine requests on errors.")
  boolean debug;

  public List<String> files() {
    return List.copyOf(files);
  }

  public String projectName() {
    return projectName;
  }

  public Path projectDirectory() {
    return projectDirectory;
  }

  public List<Path> envFiles() {
    return List.copyOf(envFiles);
  }

  public List<String> profiles() {
    return List.copyOf(profiles);
  }

  public Progress progress() {
    return progress;
  }

  public Ansi ansi() {
    return ansi;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public String host() {
    return host;
  }

  public boolean debug() {
    return debug;
  }
}
