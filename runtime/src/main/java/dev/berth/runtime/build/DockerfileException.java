package dev.berth.runtime.build;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A Dockerfile the builder cannot accept; the message names the file, line and instruction. */
public final class DockerfileException extends EngineException {
  public DockerfileException(String message) {
    super(ErrorKind.INVALID_ARGUMENT, message);
  }

  /** {@code Dockerfile:7: COPY: <why>}. */
  public static DockerfileException at(RawInstruction at, String why) {
    return new DockerfileException(at.where() + ": " + at.keyword() + ": " + why);
  }
}
