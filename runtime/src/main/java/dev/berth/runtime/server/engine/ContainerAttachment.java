package dev.berth.runtime.server.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A client attached to a container's stdio. With a TTY both outputs are the same raw stream;
 * without, the server frames them apart.
 */
public interface ContainerAttachment {
  /** Whether the container has a TTY, which decides raw or multiplexed output. */
  boolean tty();

  /**
   * Copies {@code stdin} to the container and its output to {@code stdout}/{@code stderr} until the
   * container's output ends. {@code stdin} may reach its end (the client half-closed) long before
   * that; the output keeps flowing.
   */
  void stream(InputStream stdin, OutputStream stdout, OutputStream stderr) throws IOException;
}
