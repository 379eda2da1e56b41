package dev.berth.runtime.build;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A RUN that exited non-zero; the message names the instruction, its line and the exit code. */
public final class BuildFailedException extends EngineException {
  private final int exitCode;

  public BuildFailedException(String message, int exitCode) {
    super(ErrorKind.INVALID_ARGUMENT, message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
