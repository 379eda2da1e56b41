package dev.berth.runtime.build;

import java.util.List;

/**
 * A parsed Dockerfile: its parser directives ({@code # escape=`}, {@code # syntax=...}) and its
 * instructions in order; the {@code ARG}s before the first {@code FROM} are the global ones.
 */
public record Dockerfile(char escape, String syntax, List<RawInstruction> instructions) {
  public Dockerfile {
    instructions = List.copyOf(instructions);
  }
}
