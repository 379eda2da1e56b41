/**
 * The seam between the Docker API handlers and the engine: the services the handlers call and the
 * domain values they pass. The engine implements them; tests use hand-written fakes.
 */
package dev.berth.runtime.server.engine;
