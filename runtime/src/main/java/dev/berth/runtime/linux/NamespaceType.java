package dev.berth.runtime.linux;

/** A kind of Linux namespace a thread can unshare or enter, with its clone flag and proc name. */
public enum NamespaceType {
  NET(0x40000000, "net"),
  MNT(0x00020000, "mnt"),
  UTS(0x04000000, "uts"),
  IPC(0x08000000, "ipc"),
  CGROUP(0x02000000, "cgroup");

  private final int cloneFlag;
  private final String procName;

  NamespaceType(int cloneFlag, String procName) {
    this.cloneFlag = cloneFlag;
    this.procName = procName;
  }

  /** The {@code CLONE_NEW*} flag for unshare(2) and setns(2). */
  public int cloneFlag() {
    return cloneFlag;
  }

  /** The file name under {@code /proc/<pid>/ns/}, e.g. {@code net}. */
  public String procName() {
    return procName;
  }

  String flagName() {
    return this == MNT ? "CLONE_NEWNS" : "CLONE_NEW" + name();
  }
}
