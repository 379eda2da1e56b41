/**
 * The engine's public surface: the types the orchestrator may use (errors, version, and later the
 * Docker API wire types and how to reach berthd). Depends on nothing else in berth.
 */
package dev.berth.runtime.api;
