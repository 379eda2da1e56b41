/**
 * Images on this host: the name/tag and digest index, pull (registry → blobs → layers), removal
 * with shared-layer reference counting, and docker-archive / OCI-layout load and save. Uses {@code
 * image}, {@code content}, {@code layer} and {@code registry}.
 */
package dev.berth.runtime.image.store;
