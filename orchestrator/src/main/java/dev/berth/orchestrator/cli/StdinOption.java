package dev.berth.orchestrator.cli;

import picocli.CommandLine.Option;

/**
 * {@code -i/--interactive} of {@code exec} and {@code run}: on by default, as in docker compose.
 */
final class StdinOption {
  @Option(
      names = {"-i", "--interactive"},
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      description = "Keep STDIN open (default true; -i=false gives the command none).")
  boolean interactive = true;
}
