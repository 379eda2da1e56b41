package dev.berth.runtime.layer;

import dev.berth.runtime.api.EngineException;
import java.nio.file.Path;

/** The two file operations the JDK lacks: device nodes/fifos and xattrs outside {@code user.}. */
public interface SpecialFiles {
  /** File type bits of {@code st_mode}, for {@link #mknod}. */
  int S_IFIFO = 0010000;

  int S_IFCHR = 0020000;
  int S_IFBLK = 0060000;

  /** Creates a node; {@code mode} carries the type bits and permissions (mknod(2)). */
  void mknod(Path path, int mode, int major, int minor) throws EngineException;

  /** Sets an extended attribute on the path itself, not a symlink's target (lsetxattr(2)). */
  void lsetxattr(Path path, String name, byte[] value) throws EngineException;
}
