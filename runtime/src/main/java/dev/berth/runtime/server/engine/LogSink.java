package dev.berth.runtime.server.engine;

import java.io.IOException;
import java.time.Instant;

/** Receives a container's log lines, each with its newline. */
@FunctionalInterface
public interface LogSink {
  void line(boolean stderr, Instant time, String text) throws IOException;
}
