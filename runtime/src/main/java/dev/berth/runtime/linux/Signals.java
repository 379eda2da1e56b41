package dev.berth.runtime.linux;

import java.util.Map;

/** Linux signal numbers (x86_64) and their names for messages. */
public final class Signals {
  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGABRT = 6;
  public static final int SIGKILL = 9;
  public static final int SIGUSR1 = 10;
  public static final int SIGSEGV = 11;
  public static final int SIGUSR2 = 12;
  public static final int SIGPIPE = 13;
  public static final int SIGALRM = 14;
  public static final int SIGTERM = 15;
  public static final int SIGCHLD = 17;
  public static final int SIGCONT = 18;
  public static final int SIGSTOP = 19;
  public static final int SIGTSTP = 20;
  public static final int SIGWINCH = 28;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0, "0"),
          Map.entry(SIGHUP, "SIGHUP"),
          Map.entry(SIGINT, "SIGINT"),
          Map.entry(SIGQUIT, "SIGQUIT"),
          Map.entry(SIGABRT, "SIGABRT"),
          Map.entry(SIGKILL, "SIGKILL"),
          Map.entry(SIGUSR1, "SIGUSR1"),
          Map.entry(SIGSEGV, "SIGSEGV"),
          Map.entry(SIGUSR2, "SIGUSR2"),
          Map.entry(SIGPIPE, "SIGPIPE"),
          Map.entry(SIGALRM, "SIGALRM"),
          Map.entry(SIGTERM, "SIGTERM"),
          Map.entry(SIGCHLD, "SIGCHLD"),
          Map.entry(SIGCONT, "SIGCONT"),
          Map.entry(SIGSTOP, "SIGSTOP"),
          Map.entry(SIGTSTP, "SIGTSTP"),
          Map.entry(SIGWINCH, "SIGWINCH"));

  private Signals() {}

  /** The signal's name, e.g. {@code SIGTERM}, or its number when it has none in the table. */
  public static String name(int signal) {
    return NAMES.getOrDefault(signal, String.valueOf(signal));
  }
}
