package dev.berth.runtime.layer;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.linux.DeviceNodes;
import dev.berth.runtime.linux.Xattrs;
import java.nio.file.Path;

/** {@link SpecialFiles} through berth's Linux syscall facade. */
public final class LinuxSpecialFiles implements SpecialFiles {
  @Override
  public void mknod(Path path, int mode, int major, int minor) throws EngineException {
    DeviceNodes.mknod(path, mode, DeviceNodes.makedev(major, minor));
  }

  @Override
  public void lsetxattr(Path path, String name, byte[] value) throws EngineException {
    Xattrs.lsetxattr(path, name, value, 0);
  }
}
