package dev.berth.runtime.server;

import dev.berth.runtime.api.BerthVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code berthd} command line: options of the engine daemon. */
@Command(
    name = "berthd",
    mixinStandardHelpOptions = true,
    versionProvider = BerthdMain.Version.class,
    description = "berth's container engine, serving the Docker Engine API on a unix socket.")
public final class BerthdMain implements Callable<Integer> {

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Engine state (images, containers, volumes). Default: ${DEFAULT-VALUE}.")
  Path root = Path.of("/var/lib/berth");

  @Option(
      names = "--exec-root",
      paramLabel = "DIR",
      description = "Runtime files (sockets, pid files). Default: ${DEFAULT-VALUE}.")
  Path execRoot = Path.of("/run/berth");

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description = "Where to serve the API. Default: <exec-root>/berth.sock.")
  Path socket;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs berthd with these arguments and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BerthdMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("berthd: " + e.getMessage());
          return e instanceof EngineException ee ? ee.kind().exitCode() : 1;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws EngineException {
    throw new EngineException(
        ErrorKind.UNSUPPORTED,
        "the engine daemon cannot serve yet in berth " + BerthVersion.version());
  }

  /** Reports the build's version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"berthd version " + BerthVersion.version()};
    }
  }
}
