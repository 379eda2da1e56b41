package dev.berth.runtime.content;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;

/** Content whose bytes do not hash to the digest (or size) it was announced with. */
public class DigestMismatchException extends EngineException {
  public DigestMismatchException(Digest expected, String actual) {
    super(ErrorKind.INVALID_ARGUMENT, "content of " + expected + " does not match: " + actual);
  }
}
