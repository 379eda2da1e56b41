package dev.berth.orchestrator.loader.dotenv;

/** A dotenv text that cannot be parsed; the message names the line. */
public final class DotenvException extends Exception {
  DotenvException(String message) {
    super(message);
  }
}
