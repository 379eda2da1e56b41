package dev.berth.runtime.server.http;

import dev.berth.runtime.api.EngineException;
import java.io.IOException;

/** Serves one route; answers through the {@link ApiResponse} exactly once. */
@FunctionalInterface
public interface EndpointHandler {
  void handle(ApiRequest request, ApiResponse response) throws EngineException, IOException;
}
