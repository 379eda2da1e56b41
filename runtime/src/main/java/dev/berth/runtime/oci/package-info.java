/**
 * The OCI side of running a container: the runtime spec ({@code config.json}) as Jackson DTOs with
 * Docker's defaults, and the driver that calls crun or runc and launches conmon. Uses only {@code
 * api}; knows nothing of images, compose or the engine's state.
 */
package dev.berth.runtime.oci;
