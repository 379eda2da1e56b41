package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands as child processes, output and errors merged, bounded to 30 seconds. */
public final class ProcessCommandRunner implements CommandRunner {

  @Override
  public Result run(List<String> command, String stdin) throws EngineException {
    String line = String.join(" ", command);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      byte[] output = process.getInputStream().readAllBytes();
      if (!awaitUninterruptibly(process)) {
        process.destroyForcibly();
        throw new EngineException(ErrorKind.UNAVAILABLE, line + ": did not finish in 30 s");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, line + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits up to 30 s for {@code process}, through interrupts (the flag is set again after): a
   * firewall change that has started is finished, not abandoned half done by a closing thread.
   */
  private static boolean awaitUninterruptibly(Process process) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
