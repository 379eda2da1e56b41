package dev.berth.orchestrator.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warm CLI server: a long-lived JVM that runs berth commands for {@link WarmClient}s of the
 * same build, each in its client's working directory, environment and terminal state, so a command
 * starts with berth's classes loaded and its code compiled. Like Gradle's daemon: started by the
 * first command that found none, it exits after {@code BERTH_WARM_IDLE} seconds without a command
 * (default 900), or once its socket file is gone. One lock file per endpoint keeps a second server
 * from starting; the socket is bound only after a warm-up run, so a client that finds it is served
 * warm.
 *
 * <p>A command whose client goes away (killed) is interrupted, as if its process had died. Commands
 * that read standard input ({@code exec}, {@code run}, {@code cp}, {@code -f -}) and clients in
 * another mount namespace are sent back to run in their own process.
 */
public final class WarmServer {
  /** Commands that stream standard input or the terminal: run in the client's process. */
  static final Set<String> LOCAL_COMMANDS = Set.of("exec", "run", "cp", "attach");

  /** Whether this process has bound its socket (and so removes it when it ends). */
  private static volatile boolean bound;

  private final ServerSocketChannel server;
  private final Path socket;
  private final String key;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong lastActive = new AtomicLong(System.nanoTime());

  private WarmServer(ServerSocketChannel server, Path socket, String key) {
    this.server = server;
    this.socket = socket;
    this.key = key;
  }

  /** {@code WarmServer SOCKET KEY}: serves until idle; exits at once if another serves SOCKET. */
  public static void main(String[] args) throws IOException {
    ignoreTerminalSignals();
    // a SIGTERM (or a stop by pid) still takes the socket and pid file along
    Path socket = Path.of(args[0]);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!bound) {
                    return; // another server's socket, if any
                  }
                  try {
                    Files.deleteIfExists(socket);
                    Files.deleteIfExists(pidFile(socket));
                  } catch (IOException e) {
                    // a socket left behind is replaced by the next server
                  }
                }));
    serve(socket, args[1], Duration.ofSeconds(idleSeconds(System.getenv())), true);
    System.exit(0);
  }

  /**
   * Serves {@code key}'s clients on {@code socket} until no command has run for {@code idle}, after
   * a warm-up run of the commands with {@code warmUp}; returns at once if another server holds the
   * socket's lock file.
   */
  static void serve(Path socket, String key, Duration idle, boolean warmUp) throws IOException {
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    try (FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel)) {
      if (lock == null) {
        return; // another server has this endpoint
      }
      if (warmUp) {
        warmUp();
      }
      Files.deleteIfExists(socket); // left by a server that was killed
      Path pidFile = pidFile(socket);
      // before the socket: whoever finds the socket finds who serves it
      Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        bound = true;
        WarmServer warm = new WarmServer(server, socket, key);
        Thread watchdog = new Thread(() -> warm.exitWhenIdle(idle.toNanos()), "berth-warm-idle");
        watchdog.setDaemon(true);
        watchdog.start();
        warm.acceptLoop();
        warm.awaitCommands(); // one accepted as the watchdog closed the socket still runs
      } finally {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(pidFile);
        bound = false; // the exit hook must not remove a socket the next server binds
      }
    }
  }

  /** The lock, or null when another process (or another server in this JVM) holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  /** The file a server writes its pid to, beside its socket. */
  static Path pidFile(Path socket) {
    return socket.resolveSibling(socket.getFileName() + ".pid");
  }

  static long idleSeconds(Map<String, String> env) {
    try {
      return Math.max(1, Long.parseLong(env.getOrDefault("BERTH_WARM_IDLE", "").strip()));
    } catch (NumberFormatException e) {
      return WarmClient.DEFAULT_IDLE_SECONDS;
    }
  }

  /** Session leader without a terminal: a stray SIGINT or SIGHUP must not end other commands. */
  private static void ignoreTerminalSignals() {
    for (String name : List.of("INT", "HUP")) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
    }
  }

  /**
   * Runs the class-data training's commands (config, ps, up, down against a stand-in engine) ten
   * times, about 2 s of CPU, so the JIT has compiled what a command runs before the first client
   * comes: the first served {@code up} of 3 services took ~0.55 s after three runs, ~0.35 s later.
   */
  private static void warmUp() {
    for (int i = 0; i < 10; i++) {
      try {
        CdsTraining.train();
      } catch (IOException | RuntimeException e) {
        return; // serve colder
      }
    }
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      SocketChannel connection;
      try {
        connection = server.accept();
      } catch (IOException e) {
        return; // closed by the idle watchdog
      }
      running.incrementAndGet();
      Thread t =
          new Thread(
              () -> {
                try {
                  serve(connection);
                } finally {
                  lastActive.set(System.nanoTime());
                  running.decrementAndGet();
                }
              },
              "berth-warm-command");
      t.start();
    }
  }

  private void awaitCommands() {
    while (running.get() > 0) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void exitWhenIdle(long idleNanos) {
    while (true) {
      try {
        Thread.sleep(Math.min(5_000, Math.max(1, idleNanos / 1_000_000 / 4)));
      } catch (InterruptedException e) {
        return;
      }
      boolean unreachable = !Files.exists(socket); // its directory went: no client finds it
      boolean idle = System.nanoTime() - lastActive.get() > idleNanos;
      if (running.get() == 0 && (idle || unreachable || replaced(key))) {
        try {
          server.close();
        } catch (IOException e) {
          // the accept loop ends either way
        }
        return;
      }
    }
  }

  /**
   * Whether the build {@code key} names has been replaced (its jar rebuilt or gone): no client will
   * send that key again, the new build's first command starts a server of its own. Keys that do not
   * name a jar (tests) never are.
   */
  static boolean replaced(String key) {
    int end = key.indexOf('|');
    if (end < 0 || !key.startsWith("/")) {
      return false;
    }
    try {
      return !WarmClient.keyOf(Path.of(key.substring(0, end))).equals(key);
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** One client's command, from request to exit code. */
  private void serve(SocketChannel connection) {
    try (connection) {
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(WarmClient.input(connection)));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(WarmClient.output(connection)));
      Request request = Request.read(in);
      if (request == null
          || !request.key().equals(key)
          || !request.mountNamespace().equals(WarmClient.mountNamespace())
          || runsLocally(request.args())) {
        out.writeByte(WarmClient.RUN_LOCALLY);
        out.flush();
        return;
      }
      out.writeByte(WarmClient.ACCEPTED);
      out.flush();
      run(request, in, out);
    } catch (IOException e) {
      // the client went away before or after its command: nothing to answer
    }
  }

  private static boolean runsLocally(String[] args) {
    for (String arg : args) {
      if (arg.equals("-")) {
        return true; // -f - and cp's stdin/stdout archives
      }
    }
    String named = BerthMain.subcommandNamed(args);
    return named != null && LOCAL_COMMANDS.contains(named);
  }

  private static void run(Request request, DataInputStream in, DataOutputStream out) {
    Thread command = Thread.currentThread();
    ClientInterrupts interrupts = new ClientInterrupts(command);
    Thread reader =
        new Thread(
            () -> {
              try {
                while (in.readByte() == WarmClient.INTERRUPT) {
                  interrupts.deliver();
                }
              } catch (IOException e) {
                // the client is gone (or done): a command still running dies with it
              }
              interrupts.clientGone();
            },
            "berth-warm-client");
    reader.setDaemon(true);
    reader.start();
    Frames frames = new Frames(out);
    Thread sender = new Thread(frames, "berth-warm-output");
    sender.setDaemon(true);
    sender.start();
    HostContext host =
        new HostContext(
            request.cwd(),
            request.env(),
            InputStream::nullInputStream,
            request.terminal(),
            interrupts);
    PrintWriter stdout = frames.writer(WarmClient.STDOUT);
    PrintWriter stderr = frames.writer(WarmClient.STDERR);
    int code;
    try {
      code = BerthMain.run(request.args(), stdout, stderr, host);
    } catch (RuntimeException | Error e) {
      stderr.println("berth: internal error: " + e);
      code = 1;
    }
    stdout.flush();
    stderr.flush();
    interrupts.finished();
    frames.exit(interrupts.interruptedCode().orElse(code));
    try {
      sender.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The command's output on its way to the client, written by a thread of its own: a thread that is
   * interrupted (the command's, its workers') would close the socket with any write it makes.
   * Frames queue in order (a full queue holds the command back) and the exit frame ends the stream;
   * once the client is gone, frames are dropped as they come.
   */
  private static final class Frames implements Runnable {
    private static final byte[] END = new byte[0];
    private final java.util.concurrent.BlockingQueue<byte[]> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(256);
    private final DataOutputStream out;
    private volatile boolean clientGone;

    Frames(DataOutputStream out) {
      this.out = out;
    }

    /** A writer whose flushed text goes to the client as frames of {@code type}. */
    PrintWriter writer(byte type) {
      OutputStream stream =
          new OutputStream() {
            @Override
            public void write(int b) {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              if (len == 0) {
                return;
              }
              byte[] frame = frame(type, len, len);
              System.arraycopy(b, off, frame, 5, len);
              put(frame);
            }
          };
      return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    void exit(int code) {
      put(frame(WarmClient.EXIT, code, 0));
      put(END);
    }

    /**
     * A frame of {@code type} whose header carries {@code value} (an output frame's length, the
     * exit code), with room for {@code payload} bytes after it.
     */
    private static byte[] frame(byte type, int value, int payload) {
      byte[] frame = new byte[5 + payload];
      frame[0] = type;
      frame[1] = (byte) (value >>> 24);
      frame[2] = (byte) (value >>> 16);
      frame[3] = (byte) (value >>> 8);
      frame[4] = (byte) value;
      return frame;
    }

    /** Queues {@code frame} even on an interrupted thread, keeping its interrupt. */
    private void put(byte[] frame) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(frame);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      try {
        while (true) {
          byte[] frame = queue.take();
          if (frame == END) {
            return;
          }
          if (clientGone) {
            continue;
          }
          try {
            out.write(frame);
            if (queue.isEmpty()) {
              out.flush();
            }
          } catch (IOException e) {
            clientGone = true; // the rest is dropped as it comes
          }
        }
      } catch (InterruptedException e) {
        // never interrupted: the thread is this class's own
      } finally {
        try {
          out.flush();
        } catch (IOException e) {
          // the client is gone
        }
      }
    }
  }

  /**
   * The client's Ctrl-C and SIGTERM: handed to the command's listeners (an attached {@code up}),
   * else they end the command as they would end a berth process (exit code 130); a client that goes
   * away mid-command ends it too.
   */
  private static final class ClientInterrupts implements InterruptSource {
    private final Thread command;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean finished;
    private volatile boolean interrupted;

    ClientInterrupts(Thread command) {
      this.command = command;
    }

    @Override
    public Registration listen(Runnable onInterrupt) {
      listeners.add(onInterrupt);
      return () -> listeners.remove(onInterrupt);
    }

    void deliver() {
      if (listeners.isEmpty()) {
        interrupted = true;
        cancel();
      } else {
        listeners.forEach(Runnable::run);
      }
    }

    void clientGone() {
      interrupted = true;
      cancel();
    }

    private synchronized void cancel() {
      if (!finished) {
        command.interrupt();
      }
    }

    synchronized void finished() {
      finished = true;
      Thread.interrupted(); // an interrupt that came too late for the command
    }

    java.util.OptionalInt interruptedCode() {
      return interrupted ? java.util.OptionalInt.of(130) : java.util.OptionalInt.empty();
    }
  }

  /** What a client sends: see {@link WarmClient}'s request. */
  private record Request(
      String key,
      String mountNamespace,
      String[] args,
      Path cwd,
      Map<String, String> env,
      boolean terminal) {

    /** The request, or null when it is not one. */
    static Request read(DataInputStream in) throws IOException {
      if (in.readInt() != WarmClient.MAGIC) {
        return null;
      }
      String key = WarmClient.readString(in);
      String mountNamespace = WarmClient.readString(in);
      int argc = in.readInt();
      List<String> args = new ArrayList<>();
      for (int i = 0; i < argc; i++) {
        args.add(WarmClient.readString(in));
      }
      Path cwd = Path.of(WarmClient.readString(in));
      int envc = in.readInt();
      Map<String, String> env = new HashMap<>();
      for (int i = 0; i < envc; i++) {
        env.put(WarmClient.readString(in), WarmClient.readString(in));
      }
      boolean terminal = in.readBoolean();
      return new Request(key, mountNamespace, args.toArray(String[]::new), cwd, env, terminal);
    }
  }
}
