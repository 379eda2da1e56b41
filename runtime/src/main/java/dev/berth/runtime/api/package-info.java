/**
 * The engine's public surface, the only runtime package the orchestrator may use: errors, version,
 * and {@link dev.berth.runtime.api.EngineClient}, a Docker Engine API client over a unix socket.
 */
package dev.berth.runtime.api;
