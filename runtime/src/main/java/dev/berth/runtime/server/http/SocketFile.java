package dev.berth.runtime.server.http;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** The unix socket file of a server: refuses a live one, replaces a stale one, sets the mode. */
final class SocketFile {
  private SocketFile() {}

  /** Makes {@code socket} free to bind: fails if a server answers there, removes a stale file. */
  static void claim(Path socket) throws EngineException {
    try {
      Files.createDirectories(socket.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "creating the directory of " + socket + ": " + e, e);
    }
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isSocket(socket)) {
      throw new EngineException(
          ErrorKind.CONFLICT, "cannot serve on " + socket + ": it exists and is not a socket");
    }
    if (answers(socket)) {
      throw new EngineException(
          ErrorKind.CONFLICT, "cannot serve on " + socket + ": another server answers there");
    }
    try {
      Files.delete(socket);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "removing the stale socket " + socket + ": " + e, e);
    }
  }

  /** Gives the socket mode 0660, as dockerd does: root and its group only. */
  static void restrict(Path socket) throws EngineException {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.PERMISSION_DENIED, "setting mode 0660 on " + socket + ": " + e, e);
    }
  }

  static void remove(Path socket) {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // best effort on shutdown: a stale socket is replaced by the next start
    }
  }

  private static boolean isSocket(Path socket) throws EngineException {
    try {
      return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isOther();
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "reading " + socket + ": " + e, e);
    }
  }

  private static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException refused) {
      return false;
    }
  }
}
