/**
 * Validates a merged compose tree against berth's compose-file JSON Schema and reports each
 * violation with file, line, column and key path. The only package that uses the schema library.
 */
package dev.berth.orchestrator.loader.schema;
