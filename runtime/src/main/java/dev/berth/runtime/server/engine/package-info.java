/**
 * The seam between the Docker API handlers and the engine: the services the handlers call and the
 * domain values they pass. The engine implements them (or berthd adapts it to them); the test
 * sources' {@code ContainerServiceContract} says what an implementation must do, and the fake there
 * passes it.
 */
package dev.berth.runtime.server.engine;
