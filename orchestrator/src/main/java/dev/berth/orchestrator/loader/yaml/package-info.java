/**
 * Reads Compose YAML into berth's attribute tree with marks, resolving anchors, aliases and merge
 * keys. The only package that uses snakeyaml-engine.
 */
package dev.berth.orchestrator.loader.yaml;
