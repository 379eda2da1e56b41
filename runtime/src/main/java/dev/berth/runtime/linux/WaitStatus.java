package dev.berth.runtime.linux;

/**
 * How a child changed state, decoded from waitpid's status word: {@code value} is the exit code for
 * {@link State#EXITED} and the signal number for {@link State#KILLED} and {@link State#STOPPED}.
 */
public record WaitStatus(int pid, State state, int value, boolean coreDumped) {

  /** What happened to the child. */
  public enum State {
    EXITED,
    KILLED,
    STOPPED,
    CONTINUED
  }

  /** Decodes a raw status as the WIFEXITED/WIFSIGNALED/WIFSTOPPED/WIFCONTINUED macros do. */
  public static WaitStatus decode(int pid, int status) {
    int low = status & 0x7f;
    if (low == 0) {
      return new WaitStatus(pid, State.EXITED, (status >> 8) & 0xff, false);
    }
    if (status == 0xffff) {
      return new WaitStatus(pid, State.CONTINUED, Signals.SIGCONT, false);
    }
    if ((status & 0xff) == 0x7f) {
      return new WaitStatus(pid, State.STOPPED, (status >> 8) & 0xff, false);
    }
    return new WaitStatus(pid, State.KILLED, low, (status & 0x80) != 0);
  }

  /** The code a shell reports: the exit code, or 128 + signal (137 after SIGKILL). */
  public int shellExitCode() {
    return state == State.EXITED ? value : 128 + value;
  }

  @Override
  public String toString() {
    return switch (state) {
      case EXITED -> "pid " + pid + " exited with code " + value;
      case KILLED ->
          "pid " + pid + " killed by " + Signals.name(value) + (coreDumped ? " (core dumped)" : "");
      case STOPPED -> "pid " + pid + " stopped by " + Signals.name(value);
      case CONTINUED -> "pid " + pid + " continued";
    };
  }
}
