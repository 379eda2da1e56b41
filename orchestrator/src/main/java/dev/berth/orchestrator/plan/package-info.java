/**
 * Desired state against actual state: the labels and names compose gives engine objects, the
 * container each service replica is created with, and the actions that bring the engine to the
 * model. Uses the model, loader (config hash), engine and graph packages; never calls the engine.
 */
package dev.berth.orchestrator.plan;
