package dev.berth.runtime.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs with {@link ProcessBuilder}; output goes to temp files, never pipes, because
 * daemons it starts (conmon) may keep inherited descriptors open long after it exits.
 */
public final class LocalProcessRunner implements ProcessRunner {

  @Override
  public ProcessResult run(List<String> argv, Map<String, String> env, Path stdin, Duration timeout)
      throws IOException {
    Path out = Files.createTempFile("berth-run", ".out");
    Path err = Files.createTempFile("berth-run", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(argv)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(
                  stdin == null
                      ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                      : ProcessBuilder.Redirect.from(stdin.toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      int code;
      try {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          code = process.exitValue();
        } else {
          process.destroyForcibly();
          process.waitFor();
          code = -1;
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running " + argv.get(0), e);
      }
      return new ProcessResult(code, read(out), read(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
  }
}
