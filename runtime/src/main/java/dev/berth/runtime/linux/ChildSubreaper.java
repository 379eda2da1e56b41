package dev.berth.runtime.linux;

import com.sun.jna.ptr.IntByReference;

/**
 * prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are re-parented to this process, so it can
 * waitpid them (a container's pid once its runtime has exited). Every adopted orphan stays a zombie
 * until this process reaps it with {@link Processes#waitpid}.
 */
public final class ChildSubreaper {
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int PR_GET_CHILD_SUBREAPER = 37;

  private ChildSubreaper() {}

  /** Makes this whole process a child subreaper, or stops it being one. */
  public static void set(boolean enabled) throws LinuxException {
    int value = enabled ? 1 : 0;
    Syscall.check(
        LibC.INSTANCE.prctl(PR_SET_CHILD_SUBREAPER, value, 0, 0, 0),
        () -> Call.of("prctl", Call.raw("PR_SET_CHILD_SUBREAPER"), value));
  }

  /** Whether this process is a child subreaper. */
  public static boolean isSet() throws LinuxException {
    IntByReference value = new IntByReference();
    Syscall.check(
        LibC.INSTANCE.prctl(PR_GET_CHILD_SUBREAPER, value, 0, 0, 0),
        () -> Call.of("prctl", Call.raw("PR_GET_CHILD_SUBREAPER")));
    return value.getValue() != 0;
  }
}
