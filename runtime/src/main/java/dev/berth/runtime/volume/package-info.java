/**
 * Volumes and mounts: bind, named (local driver, directories under the state root, filled from the
 * image on first use unless {@code nocopy}; labels and the local driver's tmpfs/bind options kept
 * in {@code volume.json}), anonymous and tmpfs. Depends on {@code api} and the {@code linux}
 * facade.
 */
package dev.berth.runtime.volume;
