package dev.berth.runtime.linux;

import java.nio.file.Path;

/** open(2) for the few files berth needs as raw descriptors (namespace files, markers). */
final class Fds {
  private static final int O_RDONLY = 0;
  private static final int O_CREAT = 0100;
  private static final int O_EXCL = 0200;
  private static final int O_CLOEXEC = 02000000;

  private Fds() {}

  static int openReadOnly(Path path) throws LinuxException {
    String where = path.toString();
    return Syscall.check(
        LibC.INSTANCE.open(where, O_RDONLY | O_CLOEXEC, 0),
        () -> Call.of("open", where, Call.raw("O_RDONLY|O_CLOEXEC")));
  }

  /** Creates a new empty file, failing with {@code EEXIST} when the path exists. */
  static int create(Path path, int mode) throws LinuxException {
    String where = path.toString();
    return Syscall.check(
        LibC.INSTANCE.open(where, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode),
        () ->
            Call.of(
                "open",
                where,
                Call.raw("O_RDONLY|O_CREAT|O_EXCL|O_CLOEXEC"),
                Call.raw("0" + Integer.toOctalString(mode))));
  }
}
