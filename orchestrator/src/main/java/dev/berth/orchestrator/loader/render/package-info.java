/**
 * Renders a project's canonical tree as {@code docker compose config} does: struct field order,
 * sorted user keys, YAML with 2-space indent or JSON. Jackson is used here only.
 */
package dev.berth.orchestrator.loader.render;
