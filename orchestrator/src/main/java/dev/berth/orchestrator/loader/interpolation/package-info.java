/**
 * Variable substitution in Compose values ({@code ${VAR:-default}} and friends) exactly as the
 * reference implementation does it. Uses only the JDK and the model.
 */
package dev.berth.orchestrator.loader.interpolation;
