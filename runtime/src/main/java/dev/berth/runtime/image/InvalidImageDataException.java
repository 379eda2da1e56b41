package dev.berth.runtime.image;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A reference, digest, platform or image document that does not follow its grammar. */
public class InvalidImageDataException extends EngineException {
  public InvalidImageDataException(String message) {
    super(ErrorKind.INVALID_ARGUMENT, message);
  }

  public InvalidImageDataException(String message, Throwable cause) {
    super(ErrorKind.INVALID_ARGUMENT, message, cause);
  }
}
