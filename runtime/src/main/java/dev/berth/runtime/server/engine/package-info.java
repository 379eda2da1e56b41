/**
 * The seam between the Docker API handlers and the engine: the services the handlers call and the
 * domain values they pass. {@code server.service.EngineContainerService} implements them over the
 * engine; the test sources' {@code ContainerServiceContract} says what an implementation must do,
 * and both the real service and the fake there pass it (the fake plays {@code docker run} only).
 */
package dev.berth.runtime.server.engine;
