/**
 * Turns compose files, the environment and the command line into a {@link
 * dev.berth.orchestrator.model.Project}: discovery, interpolation, include, extends, merge, schema
 * validation, normalization, profiles and consistency checks. Uses the model and graph packages.
 */
package dev.berth.orchestrator.loader;
