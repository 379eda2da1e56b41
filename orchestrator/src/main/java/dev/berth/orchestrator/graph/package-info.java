/**
 * The service dependency graph (depends_on and implicit references), its start order and cycle
 * detection. The only package that uses jgrapht.
 */
package dev.berth.orchestrator.graph;
