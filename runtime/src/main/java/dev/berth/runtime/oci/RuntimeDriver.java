package dev.berth.runtime.oci;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link RuntimeCall}s against one {@link OciRuntime} with its private {@code --root}. */
public final class RuntimeDriver {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final OciRuntime runtime;
  private final ProcessRunner runner;

  public RuntimeDriver(OciRuntime runtime, ProcessRunner runner) {
    this.runtime = runtime;
    this.runner = runner;
  }

  public OciRuntime runtime() {
    return runtime;
  }

  /** The OCI status ({@code created}, {@code running}, {@code paused}, {@code stopped}). */
  public String status(String containerId) throws EngineException {
    ProcessRunner.ProcessResult result = run(new StateCall(containerId));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(result.stdout())
          .path("status")
          .asText("unknown");
    } catch (java.io.IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL,
          new StateCall(containerId).describe(runtime.name()) + ": unreadable state: " + e,
          e);
    }
  }

  /** Whether the runtime still keeps state for {@code containerId} under its {@code --root}. */
  public boolean hasState(String containerId) {
    return java.nio.file.Files.exists(runtime.stateRoot().resolve(containerId));
  }

  /**
   * The full command line of a call, global flags included. Calls after {@code create} go to the
   * binary itself: only {@code create} sets up cgroups, and start, kill, delete, pause, resume,
   * exec and ps were measured to work unwrapped on hybrid hosts (the wrapper costs a mount
   * namespace per call).
   */
  public List<String> argv(RuntimeCall call) {
    List<String> argv = new ArrayList<>();
    argv.add(runtime.binary().toString());
    argv.add("--root=" + runtime.stateRoot());
    argv.addAll(call.args());
    return argv;
  }

  /**
   * Runs the call; a non-zero exit fails with the runtime's stderr unless the call's exit code is
   * its result.
   */
  public ProcessRunner.ProcessResult run(RuntimeCall call) throws EngineException {
    return run(call, TIMEOUT);
  }

  /** Like {@link #run(RuntimeCall)}, killing the runtime after {@code timeout} (exit -1). */
  public ProcessRunner.ProcessResult run(RuntimeCall call, Duration timeout)
      throws EngineException {
    ProcessRunner.ProcessResult result;
    try {
      result = runner.run(argv(call), Map.of(), null, timeout);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, call.describe(runtime.name()) + ": " + e.getMessage(), e);
    }
    if (result.exitCode() != 0 && !call.exitCodeIsResult()) {
      throw failure(call, result);
    }
    return result;
  }

  private EngineException failure(RuntimeCall call, ProcessRunner.ProcessResult result) {
    String text = result.diagnostic();
    ErrorKind kind =
        text.contains("does not exist") || text.contains("not exist")
            ? ErrorKind.NOT_FOUND
            : ErrorKind.INTERNAL;
    return new EngineException(
        kind, call.describe(runtime.name()) + ": exit " + result.exitCode() + ": " + text);
  }
}
