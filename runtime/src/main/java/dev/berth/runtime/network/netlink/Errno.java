package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.ErrorKind;
import java.util.Map;

/** Names and messages for the errno values rtnetlink answers with, as strerror(3) gives them. */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int ESRCH = 3;
  static final int EBUSY = 16;
  static final int EEXIST = 17;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int EADDRNOTAVAIL = 99;
  static final int ENETUNREACH = 101;

  private static final Map<Integer, String[]> KNOWN =
      Map.ofEntries(
          Map.entry(EPERM, new String[] {"EPERM", "Operation not permitted"}),
          Map.entry(ENOENT, new String[] {"ENOENT", "No such file or directory"}),
          Map.entry(ESRCH, new String[] {"ESRCH", "No such process"}),
          Map.entry(9, new String[] {"EBADF", "Bad file descriptor"}),
          Map.entry(12, new String[] {"ENOMEM", "Cannot allocate memory"}),
          Map.entry(13, new String[] {"EACCES", "Permission denied"}),
          Map.entry(EBUSY, new String[] {"EBUSY", "Device or resource busy"}),
          Map.entry(EEXIST, new String[] {"EEXIST", "File exists"}),
          Map.entry(ENODEV, new String[] {"ENODEV", "No such device"}),
          Map.entry(EINVAL, new String[] {"EINVAL", "Invalid argument"}),
          Map.entry(34, new String[] {"ERANGE", "Numerical result out of range"}),
          Map.entry(95, new String[] {"EOPNOTSUPP", "Operation not supported"}),
          Map.entry(98, new String[] {"EADDRINUSE", "Address already in use"}),
          Map.entry(
              EADDRNOTAVAIL, new String[] {"EADDRNOTAVAIL", "Cannot assign requested address"}),
          Map.entry(ENETUNREACH, new String[] {"ENETUNREACH", "Network is unreachable"}),
          Map.entry(105, new String[] {"ENOBUFS", "No buffer space available"}));

  private Errno() {}

  /** {@code EEXIST (File exists)}, or {@code errno 200} for one berth has no name for. */
  static String describe(int errno) {
    String[] known = KNOWN.get(errno);
    return known == null ? "errno " + errno : known[0] + " (" + known[1] + ")";
  }

  static ErrorKind kind(int errno) {
    switch (errno) {
      case EEXIST:
      case EBUSY:
      case 98:
        return ErrorKind.CONFLICT;
      case ENOENT:
      case ESRCH:
      case ENODEV:
        return ErrorKind.NOT_FOUND;
      case EPERM:
      case 13:
        return ErrorKind.PERMISSION_DENIED;
      case 95:
        return ErrorKind.UNSUPPORTED;
      case EINVAL:
      case 34:
      case EADDRNOTAVAIL:
        return ErrorKind.INVALID_ARGUMENT;
      default:
        return ErrorKind.INTERNAL;
    }
  }
}
