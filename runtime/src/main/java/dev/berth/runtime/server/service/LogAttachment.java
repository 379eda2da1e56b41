package dev.berth.runtime.server.service;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.ContainerState;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.SeqpacketSocket;
import dev.berth.runtime.log.LogEntry;
import dev.berth.runtime.log.LogQuery;
import dev.berth.runtime.server.engine.AttachOptions;
import dev.berth.runtime.server.engine.ContainerAttachment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * An attach to a container: output is its log from the moment of attaching (conmon writes
 * everything there, and the log survives the container's start, which may come after the attach);
 * stdin goes to conmon's attach socket once the container runs. Output ends when the container
 * stops; with {@code StdinOnce}, the end of the client's input closes the container's stdin.
 */
final class LogAttachment implements ContainerAttachment {
  private static final Duration SOCKET_WAIT = Duration.ofSeconds(5);

  private final Containers containers;
  private final String id;
  private final boolean tty;
  private final boolean openStdin;
  private final AttachOptions options;
  private final Instant attachedAt;
  private final Executor threads;
  private final Runnable done;
  private final java.util.concurrent.atomic.AtomicReference<SeqpacketSocket> stdinSocket =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicBoolean ended =
      new java.util.concurrent.atomic.AtomicBoolean();

  LogAttachment(
      Containers containers,
      String id,
      boolean tty,
      boolean openStdin,
      AttachOptions options,
      Instant attachedAt,
      Executor threads,
      Runnable done) {
    this.containers = containers;
    this.id = id;
    this.tty = tty;
    this.openStdin = openStdin;
    this.options = options;
    this.attachedAt = attachedAt;
    this.threads = threads;
    this.done = done;
  }

  @Override
  public boolean tty() {
    return tty;
  }

  @Override
  public void stream(InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException {
    try {
      if (options.logs()) {
        for (LogEntry entry : containers.logs(id, new LogQuery(-1, null, attachedAt, false))) {
          write(entry, stdout, stderr);
        }
      }
      if (!options.stream()) {
        return;
      }
      if (options.stdin() && openStdin) {
        threads.execute(() -> pumpStdin(stdin));
      }
      if (!awaitStart()) {
        return;
      }
      containers.followLogRecords(
          id,
          new LogQuery(-1, attachedAt, null, true),
          record -> {
            try {
              write(
                  record.stream(), record.text() + (record.partial() ? "" : "\n"), stdout, stderr);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (EngineException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw new IOException("attach " + id + ": " + e.getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended.set(true);
      SeqpacketSocket socket = stdinSocket.get();
      if (socket != null) {
        socket.shutdown(); // wakes the drain thread, which closes it
      }
      done.run();
    }
  }

  private void write(LogEntry entry, OutputStream stdout, OutputStream stderr) throws IOException {
    write(entry.stream(), entry.written(), stdout, stderr);
  }

  /** Writes output as it came: a partial line has no newline (a prompt shows at once). */
  private void write(LogEntry.Stream stream, String text, OutputStream stdout, OutputStream stderr)
      throws IOException {
    boolean isErr = stream == LogEntry.Stream.STDERR;
    if ((isErr && !options.stderr()) || (!isErr && !options.stdout()) || text.isEmpty()) {
      return;
    }
    byte[] line = text.getBytes(StandardCharsets.UTF_8);
    OutputStream out = isErr ? stderr : stdout;
    out.write(line);
    out.flush();
  }

  /** Waits until the container runs or ran since the attach; false if it went away. */
  private boolean awaitStart() throws EngineException, InterruptedException {
    while (true) {
      ContainerState state;
      try {
        state = containers.inspect(id);
      } catch (EngineException e) {
        if (e.kind() == ErrorKind.NOT_FOUND) {
          return false;
        }
        throw e;
      }
      if (state.running() || state.startedAt().map(t -> !t.isBefore(attachedAt)).orElse(false)) {
        return true;
      }
      Thread.sleep(10);
    }
  }

  /**
   * Copies the client's input to conmon's attach socket once the container runs; at its end, shuts
   * down the socket's sending side (conmon then closes a StdinOnce container's stdin). The socket
   * stays open for its drain thread, which closes it once {@link #stream} ends.
   */
  private void pumpStdin(InputStream stdin) {
    try {
      if (!awaitStart()) {
        return;
      }
      SeqpacketSocket socket = connect();
      stdinSocket.set(socket);
      threads.execute(() -> drain(socket));
      if (ended.get()) {
        socket.shutdown();
        return;
      }
      byte[] buffer = new byte[8192];
      int n;
      while ((n = stdin.read(buffer)) > 0) {
        socket.send(buffer, n);
      }
      socket.shutdownOutput();
    } catch (IOException | EngineException e) {
      // the client or the container went away: nothing is left to feed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SeqpacketSocket connect() throws EngineException, InterruptedException {
    long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
    while (true) {
      try {
        return SeqpacketSocket.connect(containers.attachSocket(id));
      } catch (LinuxException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  /**
   * Reads what conmon sends to attach clients (output the log already has) so it never blocks; the
   * only closer of the socket, so its descriptor is never reused under a blocked read.
   */
  private static void drain(SeqpacketSocket socket) {
    byte[] buffer = new byte[32 * 1024];
    try {
      while (socket.receive(buffer) > 0) {
        // the log is the output's source
      }
    } catch (LinuxException e) {
      // shut down
    } finally {
      socket.close();
    }
  }
}
