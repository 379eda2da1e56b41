package dev.berth.runtime.layer;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A layer tarball that tries to write outside its directory, or expands beyond the limits. */
public class HostileLayerException extends EngineException {
  public HostileLayerException(String message) {
    super(ErrorKind.INVALID_ARGUMENT, message);
  }
}
