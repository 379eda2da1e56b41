/**
 * Healthchecks: the config ({@code CMD}, {@code CMD-SHELL}, {@code NONE}, timings), Docker's status
 * rules as pure logic over an injected clock, and a scheduler that runs probes through a {@link
 * dev.berth.runtime.health.Prober}. Depends only on {@code api}.
 */
package dev.berth.runtime.health;
