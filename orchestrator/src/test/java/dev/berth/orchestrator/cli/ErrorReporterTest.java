package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ErrorReporterTest {

  /** A command that fails the way a real one might, chosen by flag. */
  @Command(name = "berth")
  static final class Failing implements Callable<Integer> {
    @Option(names = "--debug")
    boolean debug;

    @Option(names = "--fail")
    String failure = "compose";

    @Override
    public Integer call() throws Exception {
      switch (failure) {
        case "compose" ->
            throw new BerthException(
                ErrorKind.INVALID_ARGUMENT,
                "compose.yaml:3:5: services.web.ports[0]: invalid port");
        case "engine" ->
            throw new EngineException(ErrorKind.UNAVAILABLE, "pull redis:7: registry answered 503");
        case "usage" -> throw new BerthException(ErrorKind.USAGE, "no such service: db");
        default -> throw new IllegalStateException("broken invariant");
      }
    }
  }

  private static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ErrorReporter reporter = new ErrorReporter();
    int code =
        new CommandLine(new Failing())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(reporter)
            .setParameterExceptionHandler(reporter)
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void composeError_printsMessageOnlyAndExits1() {
    CliRun run = run("--fail", "compose");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("berth: compose.yaml:3:5: services.web.ports[0]: invalid port\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void engineError_printsMessageOnlyAndExits1() {
    CliRun run = run("--fail", "engine");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("berth: pull redis:7: registry answered 503\n");
  }

  @Test
  void usageKind_exits2() {
    assertThat(run("--fail", "usage").exitCode()).isEqualTo(2);
  }

  @Test
  void unexpectedException_isReportedAsInternalWithoutStackTrace() {
    CliRun run = run("--fail", "bug");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("berth: internal error: java.lang.IllegalStateException: broken invariant")
        .contains("--debug")
        .doesNotContain("\tat ");
  }

  @Test
  void debug_addsStackTrace() {
    CliRun run = run("--debug", "--fail", "compose");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("\tat ").contains(Failing.class.getName());
  }

  @Test
  void parseError_exits2AndShowsNoStackTrace() {
    CliRun run = run("--no-such-flag");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--no-such-flag").doesNotContain("\tat ");
  }
}
