/**
 * The Compose project model: an ordered attribute tree with source marks, and the project record
 * built on it. Depends on nothing but the JDK.
 */
package dev.berth.orchestrator.model;
