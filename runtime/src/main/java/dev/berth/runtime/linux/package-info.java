/**
 * The Linux syscall facade: every JNA binding berth needs (mount, mknod, xattrs, namespaces, prctl,
 * waitpid, pidfd, kill, netlink sockets) behind plain Java types, errno as {@link
 * dev.berth.runtime.linux.LinuxException}. Uses only JNA and {@code dev.berth.runtime.api}.
 */
package dev.berth.runtime.linux;
