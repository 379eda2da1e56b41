/**
 * Volumes and mounts: bind, named (local driver, directories under the state root, filled from the
 * image on first use unless {@code nocopy}), anonymous and tmpfs. Depends only on {@code api}.
 */
package dev.berth.runtime.volume;
