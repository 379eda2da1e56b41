package dev.berth.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reaps the zombies the kernel re-parented to this process once it is a {@linkplain ChildSubreaper
 * child subreaper}: a process a container runtime left behind when it exited before reaping it
 * (crun exec's helper inside the container's PID namespace), and conmon monitors after they exit.
 *
 * <p>Without a subreaper they go to the host's PID 1, and a container's init cannot finish exiting
 * until every process of its PID namespace has been reaped; a PID 1 that reaps lazily then holds a
 * stopped container's exit back for seconds. The kernel hands adopted orphans to the thread group
 * leader, a thread the java launcher keeps waiting and which never forks: its children are exactly
 * the adopted ones, never a child the JDK started and waits for itself (reaping one of those would
 * lose its exit code).
 */
public final class AdoptedOrphans {
  private static int holders;

  private AdoptedOrphans() {}

  /**
   * Makes this process a child subreaper until every {@code adopt} has been {@linkplain #release()
   * released}; call {@link #reap()} regularly meanwhile.
   */
  public static synchronized void adopt() throws LinuxException {
    if (holders == 0) {
      ChildSubreaper.set(true);
    }
    holders++;
  }

  /**
   * Ends one {@link #adopt()}; the last stops this process being a subreaper (orphans go to the
   * host's PID 1 again) and reaps what has exited.
   */
  public static synchronized void release() {
    if (holders == 0 || --holders > 0) {
      return;
    }
    try {
      ChildSubreaper.set(false);
    } catch (LinuxException e) {
      // prctl cannot fail for these arguments; if it did, the flag would only stay set
    }
    reap();
  }

  /** How many {@link #adopt()} calls are not released yet. */
  static synchronized int holders() {
    return holders;
  }

  /** Reaps every adopted orphan that has exited; returns their pids. */
  public static List<Integer> reap() {
    int self = Processes.getpid();
    List<Integer> reaped = new ArrayList<>();
    String children;
    try {
      children =
          Files.readString(Path.of("/proc/self/task", Integer.toString(self), "children")).strip();
    } catch (IOException e) {
      return reaped;
    }
    if (children.isEmpty()) {
      return reaped;
    }
    for (String field : children.split(" ")) {
      int pid = Integer.parseInt(field);
      if (!isZombie(pid)) {
        continue;
      }
      try {
        if (Processes.waitpid(pid, Processes.WNOHANG).isPresent()) {
          reaped.add(pid);
        }
      } catch (LinuxException e) {
        // reaped meanwhile (ECHILD): nothing left to do
      }
    }
    return reaped;
  }

  private static boolean isZombie(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException e) {
      return false; // gone already
    }
  }
}
