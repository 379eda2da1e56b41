/**
 * berth's Compose side: loader, model, dependency graph, planner, reconciler and CLI. This root
 * package holds only what they all share (the module's exception).
 */
package dev.berth.orchestrator;
