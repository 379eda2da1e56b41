/**
 * Containers: what to run ({@link dev.berth.runtime.container.ContainerSpec}), how Docker's rules
 * turn it and an image's config into an OCI bundle, and the lifecycle under conmon with exit codes
 * and logs that survive the engine; execs with caller-held stdio, the container's files seen from
 * the host for {@code docker cp} (resolved like {@code chroot}), and cgroup readings. Uses {@code
 * api}, {@code oci}, {@code linux} (overlay mounts), {@code state}, {@code log}, {@code health},
 * {@code volume} and commons-compress (tar).
 */
package dev.berth.runtime.container;
