package dev.berth.orchestrator.cli;

/** Whether output gets ANSI colours: {@code --ansi always}, or {@code auto} on a terminal. */
final class Colours {
  private Colours() {}

  static boolean enabled(GlobalOptions.Ansi ansi, boolean noColor, HostContext host) {
    if (noColor || ansi == GlobalOptions.Ansi.never) {
      return false;
    }
    return ansi == GlobalOptions.Ansi.always || host.terminal();
  }
}
