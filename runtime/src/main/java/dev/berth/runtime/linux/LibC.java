package dev.berth.runtime.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.util.Map;

/**
 * The glibc functions berth calls; failures return -1 and leave errno for {@link
 * Native#getLastError()}, which JNA preserves per thread right after each call.
 */
interface LibC extends Library {
  LibC INSTANCE =
      Native.load(
          Platform.C_LIBRARY_NAME, LibC.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));

  int mount(String source, String target, String fstype, long flags, String data);

  int umount2(String target, int flags);

  int mknod(String path, int mode, long dev);

  int unlink(String path);

  int lsetxattr(String path, String name, byte[] value, long size, int flags);

  long lgetxattr(String path, String name, byte[] value, long size);

  int open(String path, int flags, int mode);

  int close(int fd);

  int setns(int fd, int nstype);

  int unshare(int flags);

  int prctl(int option, long arg2, long arg3, long arg4, long arg5);

  int prctl(int option, IntByReference arg2, long arg3, long arg4, long arg5);

  int waitpid(int pid, IntByReference status, int options);

  int kill(int pid, int signal);

  int getpid();

  int gettid();

  long syscall(long number, long arg1, long arg2, long arg3, long arg4);

  int poll(byte[] fds, long count, int timeoutMillis);

  int socket(int domain, int type, int protocol);

  int bind(int fd, byte[] address, int addressLength);

  int getsockname(int fd, byte[] address, IntByReference addressLength);

  int setsockopt(int fd, int level, int option, IntByReference value, int valueLength);

  int setsockopt(int fd, int level, int option, byte[] value, int valueLength);

  long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

  long recv(int fd, byte[] buffer, long length, int flags);

  int connect(int fd, byte[] address, int addressLength);

  int shutdown(int fd, int how);

  String strerror(int errno);
}
