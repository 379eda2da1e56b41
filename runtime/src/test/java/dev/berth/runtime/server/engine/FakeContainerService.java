package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written stand-in for the engine that "runs" a few busybox commands by producing their
 * output: {@code echo ARGS}, {@code cat} (stdin to stdout), {@code sh -c "exit N"} and {@code sh -c
 * "echo TEXT >&2"}; anything else exits 127. Test sources only.
 */
public final class FakeContainerService implements ContainerService, AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Container> containers = new ConcurrentHashMap<>();
  private final EventBus events;
  private final AtomicInteger threadCount = new AtomicInteger();
  private final ExecutorService processes =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fake-container-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  public FakeContainerService(EventBus events) {
    this.events = events;
  }

  @Override
  public String create(ContainerSpec spec) throws EngineException {
    String id = HexFormat.of().formatHex(RANDOM.generateSeed(32));
    String name = spec.name().orElse("fake_" + id.substring(0, 8));
    synchronized (containers) {
      if (containers.values().stream().anyMatch(c -> c.name.equals(name))) {
        throw new EngineException(
            ErrorKind.CONFLICT, "Conflict. The container name \"/" + name + "\" is already in use");
      }
      containers.put(id, new Container(id, name, spec));
    }
    publish("create", containers.get(id));
    return id;
  }

  @Override
  public boolean start(String ref) throws EngineException {
    Container container = find(ref);
    synchronized (container) {
      if (container.running) {
        throw new EngineException(ErrorKind.CONFLICT, "container " + ref + " is already running");
      }
      container.running = true;
    }
    publish("start", container);
    processes.execute(() -> run(container));
    return true;
  }

  @Override
  public CompletionStage<ExitStatus> await(String ref, WaitCondition condition)
      throws EngineException {
    Container container = find(ref);
    synchronized (container) {
      return switch (condition) {
        case NOT_RUNNING ->
            container.running
                ? container.nextExit
                : CompletableFuture.completedFuture(ExitStatus.of(container.exitCode));
        case NEXT_EXIT -> container.nextExit;
        case REMOVED -> container.removed;
      };
    }
  }

  @Override
  public ContainerAttachment attach(String ref, AttachOptions options) throws EngineException {
    Container container = find(ref);
    Attachment attachment = new Attachment(container.spec.tty(), options);
    synchronized (container) {
      container.attachments.add(attachment);
    }
    return attachment;
  }

  @Override
  public void remove(String ref, boolean force, boolean volumes) throws EngineException {
    Container container = find(ref);
    synchronized (container) {
      if (container.running && !force) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "You cannot remove a running container " + container.id + ". Stop it first");
      }
    }
    removeNow(container);
  }

  @Override
  public void resize(String ref, int height, int width) throws EngineException {
    Container container = find(ref);
    if (!container.spec.tty()) {
      throw new EngineException(
          ErrorKind.CONFLICT, "cannot resize container " + ref + ": it has no TTY");
    }
  }

  @Override
  public boolean stop(String ref, Optional<Duration> timeout, Optional<String> signal)
      throws EngineException {
    throw unsupported("stop", ref);
  }

  @Override
  public void restart(String ref, Optional<Duration> timeout) throws EngineException {
    throw unsupported("restart", ref);
  }

  @Override
  public void kill(String ref, String signal) throws EngineException {
    throw unsupported("kill", ref);
  }

  @Override
  public ContainerDetails inspect(String ref) throws EngineException {
    throw unsupported("inspect", ref);
  }

  @Override
  public List<ContainerDetails> list() {
    return List.of();
  }

  @Override
  public void logs(String ref, LogOptions options, LogSink sink) throws EngineException {
    throw unsupported("logs", ref);
  }

  /** The fake only plays docker run; the real service covers the rest. */
  private static EngineException unsupported(String what, String ref) {
    return new EngineException(ErrorKind.UNSUPPORTED, "the fake engine cannot " + what + " " + ref);
  }

  @Override
  public ContainerCounts counts() {
    int running = (int) containers.values().stream().filter(c -> c.running).count();
    return new ContainerCounts(running, 0, containers.size() - running);
  }

  /** How many containers exist now. */
  public int size() {
    return containers.size();
  }

  private void removeNow(Container container) {
    if (containers.remove(container.id) != null) {
      List<Attachment> attached;
      synchronized (container) {
        attached = List.copyOf(container.attachments);
      }
      attached.forEach(Attachment::end);
      publish("destroy", container);
      container.removed.complete(ExitStatus.of(container.exitCode));
    }
  }

  private Container find(String ref) throws EngineException {
    Container exact = containers.get(ref);
    if (exact != null) {
      return exact;
    }
    List<Container> matches =
        containers.values().stream()
            .filter(c -> c.name.equals(ref) || c.name.equals(ref.replaceFirst("^/", "")))
            .toList();
    if (matches.isEmpty()) {
      matches = containers.values().stream().filter(c -> c.id.startsWith(ref)).toList();
    }
    if (matches.size() != 1) {
      throw new EngineException(ErrorKind.NOT_FOUND, "No such container: " + ref);
    }
    return matches.get(0);
  }

  private void run(Container container) {
    List<String> argv = new ArrayList<>(container.spec.entrypoint());
    argv.addAll(container.spec.command());
    String program = argv.isEmpty() ? "" : argv.get(0);
    List<String> args = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    int code = 0;
    String script =
        program.equals("sh") && args.size() == 2 && args.get(0).equals("-c") ? args.get(1) : "";
    switch (program) {
      case "echo" -> container.output(1, (String.join(" ", args) + "\n").getBytes(UTF8));
      case "cat" -> container.output(1, container.readStdin());
      case "sh" -> code = shell(container, script);
      case "sleep" -> code = sleep(args);
      default -> {
        container.output(2, ("fake: " + program + ": not found\n").getBytes(UTF8));
        code = 127;
      }
    }
    List<Attachment> attached;
    CompletableFuture<ExitStatus> exited;
    synchronized (container) {
      container.running = false;
      container.exitCode = code;
      attached = List.copyOf(container.attachments);
      container.attachments.clear();
      exited = container.nextExit;
      container.nextExit = new CompletableFuture<>();
    }
    attached.forEach(Attachment::end);
    publish("die", container);
    exited.complete(ExitStatus.of(code));
    if (container.spec.autoRemove()) {
      removeNow(container);
    }
  }

  /** {@code sleep SECONDS}, fractions allowed; interrupted (the fake closing) it fails. */
  private static int sleep(List<String> args) {
    try {
      Thread.sleep((long) (Double.parseDouble(args.isEmpty() ? "0" : args.get(0)) * 1000));
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static int shell(Container container, String script) {
    if (script.matches("exit \\d+")) {
      return Integer.parseInt(script.substring(5));
    }
    if (script.startsWith("echo ") && script.endsWith(" >&2")) {
      String text = script.substring(5, script.length() - 4) + "\n";
      container.output(2, text.getBytes(UTF8));
      return 0;
    }
    container.output(2, ("fake sh: cannot run " + script + "\n").getBytes(UTF8));
    return 2;
  }

  private void publish(String action, Container container) {
    events.publish(
        new EngineEvent(
            "container",
            action,
            container.id,
            Map.of("name", container.name, "image", container.spec.image()),
            Instant.now()));
  }

  @Override
  public void close() throws InterruptedException {
    containers.values().forEach(c -> c.attachments.forEach(Attachment::end));
    processes.shutdownNow();
    if (!processes.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("fake container threads did not end");
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** One fake container and who is attached to it. */
  private static final class Container {
    final String id;
    final String name;
    final ContainerSpec spec;
    final List<Attachment> attachments = new ArrayList<>();
    final CompletableFuture<ExitStatus> removed = new CompletableFuture<>();
    CompletableFuture<ExitStatus> nextExit = new CompletableFuture<>();
    boolean running;
    int exitCode;

    Container(String id, String name, ContainerSpec spec) {
      this.id = id;
      this.name = name;
      this.spec = spec;
    }

    synchronized void output(int stream, byte[] bytes) {
      attachments.forEach(a -> a.chunks.add(new Chunk(stream, bytes)));
    }

    byte[] readStdin() {
      Attachment withStdin;
      synchronized (this) {
        withStdin = attachments.stream().filter(a -> a.options.stdin()).findFirst().orElse(null);
      }
      return withStdin == null ? new byte[0] : withStdin.drainStdin();
    }
  }

  /** A piece of output for stdout (1) or stderr (2); stream 0 ends the attachment. */
  private record Chunk(int stream, byte[] bytes) {}

  /** An attached client: output queued until it streams, stdin collected until its end. */
  private final class Attachment implements ContainerAttachment {
    final boolean tty;
    final AttachOptions options;
    final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    final CompletableFuture<byte[]> stdin = new CompletableFuture<>();

    Attachment(boolean tty, AttachOptions options) {
      this.tty = tty;
      this.options = options;
    }

    @Override
    public boolean tty() {
      return tty;
    }

    void end() {
      chunks.add(new Chunk(0, new byte[0]));
      stdin.complete(new byte[0]);
    }

    byte[] drainStdin() {
      return stdin.join();
    }

    @Override
    public void stream(InputStream in, OutputStream stdout, OutputStream stderr)
        throws IOException {
      processes.execute(() -> stdin.complete(readAll(in)));
      while (true) {
        Chunk chunk;
        try {
          chunk = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        if (chunk.stream() == 0) {
          return;
        }
        if (chunk.stream() == 1 || tty) {
          stdout.write(chunk.bytes());
        } else {
          stderr.write(chunk.bytes());
        }
      }
    }

    private byte[] readAll(InputStream in) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (IOException e) {
        // the client went away; what arrived counts
      }
      return all.toByteArray();
    }
  }
}
