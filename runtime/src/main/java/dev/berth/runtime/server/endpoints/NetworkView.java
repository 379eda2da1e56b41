package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.network.BridgeNetwork;
import java.time.Instant;
import java.util.Map;

/**
 * One network as the API lists it: a bridge of the {@link dev.berth.runtime.network.NetworkDriver}
 * ({@code bridge} non-null), or dockerd's {@code host} and {@code none}, which have no bridge.
 */
record NetworkView(
    String id,
    String name,
    String driver,
    boolean predefined,
    Instant created,
    Map<String, String> labels,
    BridgeNetwork bridge) {}
