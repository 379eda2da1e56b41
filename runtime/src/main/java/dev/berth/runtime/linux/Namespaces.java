package dev.berth.runtime.linux;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creating, entering and removing namespaces. Namespace changes are per thread, so every call runs
 * its task on a fresh platform thread that ends with the task and is never reused. A thread the
 * task starts (or a pool it first touches, such as the common fork-join pool) inherits the
 * namespace for good, so tasks should only make calls, not start threads.
 */
public final class Namespaces {
  private static final int CLONE_FS = 0x00000200;
  private static final Path THREAD_NET_NS = Path.of("/proc/thread-self/ns/net");

  private Namespaces() {}

  /**
   * Runs {@code task} inside the namespace bound at {@code nsFile} (a {@code /proc/<pid>/ns/*} file
   * or a bind mount of one) and returns its result or throws its exception.
   */
  public static <T, E extends Exception> T callInNamespace(
      Path nsFile, NamespaceType type, NamespaceTask<T, E> task) throws E, LinuxException {
    return Namespaces.<T, E>run(
        "ns-" + type.procName(),
        () -> {
          enter(nsFile, type);
          return task.call();
        });
  }

  /** Runs {@code task} inside the network namespace bound at {@code nsFile}. */
  public static <T, E extends Exception> T callInNetworkNamespace(
      Path nsFile, NamespaceTask<T, E> task) throws E, LinuxException {
    return callInNamespace(nsFile, NamespaceType.NET, task);
  }

  /**
   * Runs {@code task} in new namespaces of the given types, which end with it unless the task
   * bind-mounts one. A new mount namespace still shares propagation with the old one: make its
   * mounts private ({@code MS_REC|MS_PRIVATE} on {@code /}) before mounting anything.
   */
  public static <T, E extends Exception> T callInNewNamespaces(
      Set<NamespaceType> types, NamespaceTask<T, E> task) throws E, LinuxException {
    return Namespaces.<T, E>run(
        "unshare",
        () -> {
          unshare(types);
          return task.call();
        });
  }

  /**
   * Creates a network namespace that outlives its thread by bind-mounting it on {@code bindTarget},
   * a file created here that must not exist yet (its directory must).
   */
  public static void createNetworkNamespace(Path bindTarget) throws LinuxException {
    createEmptyFile(bindTarget);
    try {
      callInNewNamespaces(
          Set.of(NamespaceType.NET),
          () -> {
            Mounts.bind(THREAD_NET_NS, bindTarget, false);
            return null;
          });
    } catch (LinuxException | RuntimeException | Error e) {
      LibC.INSTANCE.unlink(bindTarget.toString());
      throw e;
    }
  }

  /**
   * Removes a namespace made by {@link #createNetworkNamespace}: detaches the bind mount and
   * deletes the file. A file that is no longer a mount point is just deleted.
   */
  public static void removeNetworkNamespace(Path nsFile) throws LinuxException {
    try {
      Mounts.umount2(nsFile, MountFlags.MNT_DETACH);
    } catch (LinuxException e) {
      if (e.errno() != Errno.EINVAL) {
        throw e;
      }
    }
    String where = nsFile.toString();
    Syscall.check(LibC.INSTANCE.unlink(where), () -> Call.of("unlink", where));
  }

  private static void enter(Path nsFile, NamespaceType type) throws LinuxException {
    if (type == NamespaceType.MNT) {
      // setns(CLONE_NEWNS) refuses a thread that shares its root and cwd with others
      Syscall.check(
          LibC.INSTANCE.unshare(CLONE_FS), () -> Call.of("unshare", Call.raw("CLONE_FS")));
    }
    int fd = Fds.openReadOnly(nsFile);
    try {
      Syscall.check(
          LibC.INSTANCE.setns(fd, type.cloneFlag()),
          () -> Call.of("setns", nsFile, Call.raw(type.flagName())));
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }

  private static void unshare(Set<NamespaceType> types) throws LinuxException {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("no namespace types to unshare");
    }
    int flags = 0;
    StringBuilder names = new StringBuilder();
    for (NamespaceType type : EnumSet.copyOf(types)) {
      flags |= type.cloneFlag();
      names.append(names.length() == 0 ? "" : "|").append(type.flagName());
    }
    int all = flags;
    Syscall.check(LibC.INSTANCE.unshare(all), () -> Call.of("unshare", Call.raw(names.toString())));
  }

  private static void createEmptyFile(Path path) throws LinuxException {
    int fd = Fds.create(path, 0444);
    LibC.INSTANCE.close(fd);
  }

  @SuppressWarnings("unchecked")
  private static <T, E extends Exception> T run(String purpose, NamespaceTask<T, Exception> body)
      throws E, LinuxException {
    try {
      return DedicatedThread.call(purpose, body);
    } catch (LinuxException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw (E) e; // anything else checked can only be the task's own E
    }
  }
}
