/**
 * Containers: what to run ({@link dev.berth.runtime.container.ContainerSpec}), how Docker's rules
 * turn it and an image's config into an OCI bundle, and the lifecycle under conmon with exit codes
 * and logs that survive the engine. Uses {@code api}, {@code oci}, {@code linux} (overlay mounts),
 * {@code state}, {@code log}, {@code health} and {@code volume}.
 */
package dev.berth.runtime.container;
