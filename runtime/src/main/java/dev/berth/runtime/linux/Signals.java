package dev.berth.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

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

  /**
   * The number of a signal as the Docker API names it: {@code SIGTERM}, {@code TERM} or {@code 15};
   * empty for a name not in the table.
   */
  public static OptionalInt number(String signal) {
    if (signal.matches("[0-9]{1,2}")) {
      return OptionalInt.of(Integer.parseInt(signal));
    }
    String upper = signal.toUpperCase(Locale.ROOT);
    String name = upper.startsWith("SIG") ? upper : "SIG" + upper;
    return NAMES.entrySet().stream()
        .filter(entry -> entry.getValue().equals(name))
        .mapToInt(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * Whether the kernel discards {@code signal} sent to process {@code pid}: the process is the init
   * of its own PID namespace (as a container's first process is) and neither handles nor waits for
   * it (tini waits in sigtimedwait, catatonit on a signalfd), and such a process gets no signal but
   * SIGKILL and SIGSTOP it does not handle. False when {@code /proc} does not say (the process is
   * gone).
   */
  public static boolean discardedByNamespaceInit(int pid, int signal) {
    if (signal == SIGKILL || signal == SIGSTOP || signal <= 0 || signal > 64) {
      return false;
    }
    String status;
    try {
      status = Files.readString(Path.of("/proc", Integer.toString(pid), "status"));
    } catch (IOException e) {
      return false;
    }
    boolean namespaceInit = false;
    long caught = -1;
    for (String line : status.lines().toList()) {
      String[] fields = line.split("\\s+");
      if (fields[0].equals("State:") && fields.length > 1 && fields[1].equals("Z")) {
        return false; // exited already: a zombie has no handlers left to report
      } else if (fields[0].equals("NSpid:")) {
        namespaceInit = fields.length > 2 && fields[fields.length - 1].equals("1");
      } else if (fields[0].equals("SigCgt:") && fields.length == 2) {
        caught = Long.parseUnsignedLong(fields[1], 16);
      }
    }
    // a process waiting in sigtimedwait (tini) or on a signalfd (catatonit) gets the signals it
    // waits for, though /proc shows them neither caught nor (while it waits) blocked; SigBlk
    // itself says nothing: a shell blocks every signal for a moment around each fork
    return namespaceInit
        && caught != -1
        && (caught & (1L << (signal - 1))) == 0
        && !waitingForSignals(pid);
  }

  private static boolean waitingForSignals(int pid) {
    try {
      String wchan = Files.readString(Path.of("/proc", Integer.toString(pid), "wchan"));
      return wchan.contains("sigtimedwait") || wchan.contains("signalfd");
    } catch (IOException e) {
      return false;
    }
  }
}
