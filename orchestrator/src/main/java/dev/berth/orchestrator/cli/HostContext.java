package dev.berth.orchestrator.cli;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What berth takes from the process it runs for: working directory, environment, standard input,
 * whether it talks to a terminal, and where its Ctrl-C comes from. Injected so tests can run many
 * invocations in one JVM, and so the warm CLI server ({@link WarmServer}) runs each client's
 * command in that client's context.
 *
 * @param cwd the working directory
 * @param env the process environment
 * @param stdin standard input: read whole for {@code -f -}, streamed to {@code exec} and {@code
 *     run}
 * @param terminal whether standard input and output are a terminal ({@code System.console()})
 * @param interrupts where Ctrl-C and SIGTERM come from
 */
public record HostContext(
    Path cwd,
    Map<String, String> env,
    Supplier<InputStream> stdin,
    boolean terminal,
    InterruptSource interrupts) {

  public HostContext {
    Objects.requireNonNull(cwd, "cwd");
    env = Map.copyOf(env);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(interrupts, "interrupts");
  }

  /** A context that is no terminal and takes the process's signals. */
  public HostContext(Path cwd, Map<String, String> env, Supplier<InputStream> stdin) {
    this(cwd, env, stdin, false, InterruptSource.PROCESS_SIGNALS);
  }

  /**
   * The real process: {@code user.dir}, {@code System.getenv()}, {@code System.in}, {@code
   * System.console()} and its SIGINT and SIGTERM.
   */
  public static HostContext ofProcess() {
    return new HostContext(
        Path.of(System.getProperty("user.dir")),
        System.getenv(),
        () -> System.in,
        System.console() != null,
        InterruptSource.PROCESS_SIGNALS);
  }

  /** A context with no standard input. */
  public static HostContext of(Path cwd, Map<String, String> env) {
    return withInput(cwd, env, "");
  }

  /** A context whose standard input is {@code input}. */
  public static HostContext withInput(Path cwd, Map<String, String> env, String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    return new HostContext(cwd, env, () -> new java.io.ByteArrayInputStream(bytes));
  }

  /** Standard input, read to its end as UTF-8 text ({@code -f -}). */
  public String stdinText() {
    return read(stdin.get());
  }

  private static String read(InputStream in) {
    try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      int n;
      while ((n = reader.read(buf)) > 0) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
