package dev.berth.runtime.network.netlink;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;

/** An open descriptor of a network namespace file, for IFLA_NET_NS_FD; close it after use. */
public final class NetnsFd implements AutoCloseable {
  private static final int O_RDONLY_CLOEXEC = 02000000;
  private final int fd;
  private final Path file;

  private NetnsFd(int fd, Path file) {
    this.fd = fd;
    this.file = file;
  }

  public static NetnsFd open(Path netnsFile) throws EngineException {
    int fd = LibC.INSTANCE.open(netnsFile.toString(), O_RDONLY_CLOEXEC);
    if (fd < 0) {
      int errno = Native.getLastError();
      throw new EngineException(
          errno == 2 ? ErrorKind.NOT_FOUND : ErrorKind.INTERNAL,
          "open netns " + netnsFile + ": " + Errno.describe(errno));
    }
    return new NetnsFd(fd, netnsFile);
  }

  public int fd() {
    return fd;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    LibC.INSTANCE.close(fd);
  }

  /** The two libc calls this class needs. */
  interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int open(String path, int flags);

    int close(int fd);
  }
}
