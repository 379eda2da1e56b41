/**
 * The Dockerfile builder behind {@code POST /build}: parsing Dockerfiles and {@code .dockerignore},
 * running each stage (RUN in a berth container, COPY/ADD straight into layers), the layer cache and
 * the built image's config. Uses {@code container}, {@code image.store}, {@code layer} and {@code
 * linux} (read-only overlay views of a stage's layers).
 */
package dev.berth.runtime.build;
