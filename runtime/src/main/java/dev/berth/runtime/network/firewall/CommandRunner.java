package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;
import java.util.List;

/** Runs a host binary with optional stdin; injected so rule changes are unit-testable. */
public interface CommandRunner {

  /** What a finished command returned. */
  record Result(int exitCode, String output) {}

  Result run(List<String> command, String stdin) throws EngineException;
}
