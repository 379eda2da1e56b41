package dev.berth.runtime.oci;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a host program to completion; injected so tests can record or fake calls. */
public interface ProcessRunner {

  /**
   * Runs {@code argv} with extra {@code env}, waits at most {@code timeout}, and returns its exit
   * code and output. A program that does not finish in time is killed and reported as exit -1.
   */
  ProcessResult run(List<String> argv, Map<String, String> env, Path stdin, Duration timeout)
      throws IOException;

  /** The outcome of one program run. */
  record ProcessResult(int exitCode, String stdout, String stderr) {
    /** The first non-blank stderr line, else stdout's, for error messages. */
    public String diagnostic() {
      String text = stderr.isBlank() ? stdout : stderr;
      return text.strip().replace('\n', ' ');
    }
  }
}
