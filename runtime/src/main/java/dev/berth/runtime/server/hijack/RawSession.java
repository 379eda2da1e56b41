package dev.berth.runtime.server.hijack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What runs over a hijacked connection: reads what the client sends, writes what it receives. */
@FunctionalInterface
public interface RawSession {
  /**
   * Runs until the output is done. {@code in} ends when the client half-closes; {@code out} then
   * still works.
   */
  void run(InputStream in, OutputStream out) throws IOException;
}
