/**
 * Parses {@code .env} and {@code env_file} files with the reference implementation's syntax. Uses
 * the interpolation package for {@code ${VAR}} in values.
 */
package dev.berth.orchestrator.loader.dotenv;
