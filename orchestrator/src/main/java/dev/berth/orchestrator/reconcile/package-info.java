/**
 * Brings the engine to the model and back: creates networks, volumes and pulls images, then
 * converges each service once its dependencies meet their condition, with bounded parallelism;
 * waits for readiness; tears a project down in reverse order. Reports through {@link
 * dev.berth.orchestrator.reconcile.Progress}; never prints. Uses model, loader, graph, plan,
 * engine.
 */
package dev.berth.orchestrator.reconcile;
