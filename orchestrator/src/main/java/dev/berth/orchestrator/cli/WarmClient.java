package dev.berth.orchestrator.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The {@code berth} process's side of the warm CLI server ({@link WarmServer}): a JVM that has
 * already loaded and compiled berth runs the command for this one, which only sends its arguments,
 * working directory, environment and whether it is on a terminal, copies back what the command
 * writes, forwards Ctrl-C and SIGTERM, and exits with the command's code. A cold JVM needs ~0.3 s
 * of class loading and interpreted code before berth's first engine request; this client needs
 * little more than an empty JVM (~70 ms here), a served {@code version} ~0.1 s in all.
 *
 * <p>Only JDK classes are used here, so a served command loads nothing of berth's. When there is no
 * server (or it declines: commands that read standard input run here), the command runs in this
 * process, which then starts a server for the next command ({@link #startServer}). {@code
 * BERTH_WARM=0} turns all of it off.
 */
final class WarmClient {
  /** {@link #serve}'s answer when the command is to run in this process. */
  static final int LOCAL = -1;

  static final int MAGIC = 0x42525448; // "BRTH"
  static final byte ACCEPTED = 'A';
  static final byte RUN_LOCALLY = 'L';
  static final byte STDOUT = 'O';
  static final byte STDERR = 'E';
  static final byte EXIT = 'X';
  static final byte INTERRUPT = 'I';

  /** Seconds an idle server stays up unless {@code BERTH_WARM_IDLE} says otherwise. */
  static final int DEFAULT_IDLE_SECONDS = 900;

  /** Where this build's server listens, and the key it answers to. */
  record Endpoint(Path dir, Path socket, Path jar, String key) {}

  /** Whether a server took the connection in {@link #serve} (then none is started). */
  private static volatile boolean serverAnswered;

  private WarmClient() {}

  /** What a client sends besides its arguments: the context its command runs in. */
  record Caller(Path cwd, Map<String, String> env, boolean terminal) {
    /** This process's. */
    static Caller ofProcess() {
      return new Caller(
          Path.of(System.getProperty("user.dir")), System.getenv(), System.console() != null);
    }
  }

  /** How a client hands its interrupts on: it calls {@code send} for each. */
  @FunctionalInterface
  interface InterruptForwarding {
    void install(Runnable send);
  }

  /**
   * Runs {@code args} in this build's warm server; {@link #LOCAL} when there is none, it declines,
   * or it went away before taking the command.
   */
  static int serve(String[] args) {
    Endpoint endpoint = endpoint(System.getenv());
    if (endpoint == null) {
      return LOCAL;
    }
    return serve(
        endpoint,
        args,
        Caller.ofProcess(),
        new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err),
        new ProcessSignals());
  }

  /**
   * Runs {@code args} for {@code caller} in the server at {@code endpoint}, copying its output to
   * {@code stdout} and {@code stderr}; its exit code, or {@link #LOCAL}.
   */
  static int serve(
      Endpoint endpoint,
      String[] args,
      Caller caller,
      OutputStream stdout,
      OutputStream stderr,
      InterruptForwarding interrupts) {
    if (!Files.exists(endpoint.socket())) {
      return LOCAL;
    }
    SocketChannel channel;
    DataInputStream in;
    DataOutputStream out;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(endpoint.socket()));
      serverAnswered = true;
      out = new DataOutputStream(new BufferedOutputStream(output(channel)));
      writeRequest(out, endpoint.key(), args, caller);
      in = new DataInputStream(new BufferedInputStream(input(channel)));
      if (in.readByte() != ACCEPTED) {
        channel.close();
        return LOCAL;
      }
    } catch (IOException e) {
      return LOCAL; // nothing ran yet
    }
    interrupts.install(new SendInterrupt(out));
    byte[] buffer = new byte[8192];
    try (channel) {
      while (true) {
        byte type = in.readByte();
        if (type == EXIT) {
          return in.readInt();
        }
        int length = in.readInt();
        OutputStream target = type == STDOUT ? stdout : stderr;
        while (length > 0) {
          int n = in.read(buffer, 0, Math.min(buffer.length, length));
          if (n < 0) {
            throw new EOFException();
          }
          write(target, buffer, n);
          length -= n;
        }
        target.flush();
      }
    } catch (IOException e) {
      write(
          stderr,
          ("berth: the warm CLI server ended before the command finished, so its outcome is"
                  + " unknown (see the server's log in "
                  + endpoint.dir()
                  + "); run it again, or with BERTH_WARM=0 to run it in this process\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8),
          -1);
      return 1;
    }
  }

  private static void writeRequest(DataOutputStream out, String key, String[] args, Caller caller)
      throws IOException {
    out.writeInt(MAGIC);
    writeString(out, key);
    writeString(out, mountNamespace());
    out.writeInt(args.length);
    for (String arg : args) {
      writeString(out, arg);
    }
    writeString(out, caller.cwd().toString());
    out.writeInt(caller.env().size());
    for (Map.Entry<String, String> e : caller.env().entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    out.writeBoolean(caller.terminal());
    out.flush();
  }

  /**
   * SIGINT and SIGTERM of this process go to the server, which reacts as berth would to them.
   * Classes, not lambdas: bootstrapping a lambda costs a cold JVM milliseconds.
   */
  private static final class ProcessSignals implements InterruptForwarding {
    @Override
    public void install(Runnable send) {
      SignalHandler forward = new Forward(send);
      Signal.handle(new Signal("INT"), forward);
      Signal.handle(new Signal("TERM"), forward);
    }
  }

  private static final class Forward implements SignalHandler {
    private final Runnable send;

    Forward(Runnable send) {
      this.send = send;
    }

    @Override
    public void handle(Signal signal) {
      send.run();
    }
  }

  /** Sends one interrupt frame. */
  private static final class SendInterrupt implements Runnable {
    private final DataOutputStream out;

    SendInterrupt(DataOutputStream out) {
      this.out = out;
    }

    @Override
    public void run() {
      try {
        synchronized (out) {
          out.writeByte(INTERRUPT);
          out.flush();
        }
      } catch (IOException e) {
        // the server has gone: the read loop reports it
      }
    }
  }

  private static void write(OutputStream target, byte[] bytes, int n) {
    try {
      target.write(bytes, 0, n < 0 ? bytes.length : n);
    } catch (IOException e) {
      // as a closed stdout in a berth process: the command's output is lost, not its exit code
    }
  }

  /**
   * Whether a command that ran in this process should leave a server for the next: not when one
   * answered (it declined this command), nor after {@code version}, help or the commands a server
   * sends back.
   */
  static boolean shouldStartServer(String subcommand) {
    return !serverAnswered
        && subcommand != null
        && !subcommand.equals("version")
        && !subcommand.equals("help")
        && !WarmServer.LOCAL_COMMANDS.contains(subcommand);
  }

  /**
   * Starts this build's server in the background, in a session of its own (so a Ctrl-C on this
   * terminal does not reach it), unless warm serving is off or {@code setsid} is missing. Called
   * after a command ran in this process; a server that finds another already answering exits.
   */
  static void startServer() {
    Map<String, String> env = System.getenv();
    Endpoint endpoint = endpoint(env);
    Path setsid = Path.of("/usr/bin/setsid");
    if (endpoint == null || !Files.isExecutable(setsid)) {
      return;
    }
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
              setsid.toString(),
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1", // C2 would keep compiling through the first commands
              "-XX:CICompilerCount=1",
              "-Xmx512m",
              "-XX:-UsePerfData",
              "-cp",
              endpoint.jar().toString(),
              WarmServer.class.getName(),
              endpoint.socket().toString(),
              endpoint.key());
      // not the caller's directory: a server must not keep a checkout or mount busy
      builder.directory(new java.io.File("/"));
      builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.redirectOutput(
          ProcessBuilder.Redirect.to(
              endpoint.dir().resolve(endpoint.socket().getFileName() + ".log").toFile()));
      builder.redirectErrorStream(true);
      builder.start(); // outlives this process, re-parented when it exits
    } catch (IOException e) {
      // the next command runs in its own process again
    }
  }

  /**
   * This build's endpoint: a socket named after the jar (path, size, modification time) and the
   * Java it runs on, in a directory only this user may enter ({@code $XDG_RUNTIME_DIR/berth-cli},
   * else {@code /tmp/berth-cli-UID}); null when warm serving is off, berth does not run from a jar,
   * or the directory cannot be made safe.
   */
  static Endpoint endpoint(Map<String, String> env) {
    String setting = env.get("BERTH_WARM");
    if (setting != null && OFF.contains(setting.strip().toLowerCase(java.util.Locale.ROOT))) {
      return null;
    }
    Path jar = berthJar();
    if (jar == null) {
      return null;
    }
    try {
      String key = keyOf(jar);
      int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      String runtime = env.get("XDG_RUNTIME_DIR");
      Path dir =
          runtime != null && runtime.startsWith("/")
              ? Path.of(runtime, "berth-cli")
              : Path.of("/tmp", "berth-cli-".concat(Integer.toString(uid)));
      if (!privateDirectory(dir, uid)) {
        return null;
      }
      String name = "cli-".concat(Integer.toHexString(key.hashCode())).concat(".sock");
      return new Endpoint(dir, dir.resolve(name), jar, key);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The key of the build in {@code jar} on this JVM's Java: the jar's path, size and modification
   * time and {@code java.home}, separated by {@code |}.
   */
  static String keyOf(Path jar) throws IOException {
    // StringBuilder, not +: a cold JVM spends milliseconds bootstrapping string concatenation
    return new StringBuilder(jar.toString())
        .append('|')
        .append(Files.size(jar))
        .append('|')
        .append(Files.getLastModifiedTime(jar).toMillis())
        .append('|')
        .append(System.getProperty("java.home"))
        .toString();
  }

  /**
   * The jar that holds all of berth: the class path's last entry, after {@code berth-client.jar}
   * when {@code bin/berth} runs it (or its only one, {@code java -jar berth.jar}); null when berth
   * does not run from a jar (tests).
   */
  private static Path berthJar() {
    String classPath = System.getProperty("java.class.path", "");
    String last = classPath.substring(classPath.lastIndexOf(java.io.File.pathSeparatorChar) + 1);
    if (!last.endsWith(".jar")) {
      return null;
    }
    try {
      return Path.of(last).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static final Set<String> OFF = Set.of("0", "off", "false", "no");

  /** Makes {@code dir} if missing; true when it is a directory of user {@code uid}, mode 0700. */
  static boolean privateDirectory(Path dir, int uid) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // made by a concurrent berth: checked below like any other
      }
    }
    Map<String, Object> attributes =
        Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) attributes.get("mode");
    return (mode & 0170777) == 0040700 && (Integer) attributes.get("uid") == uid;
  }

  /** This process's mount namespace: the server runs only for clients that see its files. */
  static String mountNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  /**
   * Reads {@code channel} directly: the JDK's {@code Channels} streams share one lock between
   * reading and writing, so a write (an interrupt, an output frame) would wait for a blocked read.
   */
  static InputStream input(SocketChannel channel) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
      }
    };
  }

  /** Writes {@code channel} directly (see {@link #input}). */
  static OutputStream output(SocketChannel channel) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    };
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > (1 << 24)) {
      throw new IOException("bad string length " + length);
    }
    return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
  }
}
