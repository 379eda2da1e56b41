package dev.berth.runtime.container;

/** How an exec's stdio connects to its caller. */
public enum ExecIo {
  /** The caller writes stdin and reads stdout and stderr. */
  STDIN_AND_OUTPUT,
  /** stdin is {@code /dev/null}; the caller reads stdout and stderr. */
  OUTPUT_ONLY,
  /** Nothing is attached: stdin is {@code /dev/null}, output is discarded ({@code exec -d}). */
  DETACHED
}
