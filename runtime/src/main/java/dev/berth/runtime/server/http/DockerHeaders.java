package dev.berth.runtime.server.http;

import dev.berth.runtime.api.ApiVersion;
import dev.berth.runtime.api.BerthVersion;
import org.eclipse.jetty.http.HttpFields;

/** The headers dockerd sends on every response, which clients read to negotiate the version. */
final class DockerHeaders {
  static final String SERVER = "berthd/" + BerthVersion.version() + " (linux)";

  private DockerHeaders() {}

  static void addTo(HttpFields.Mutable headers) {
    headers.put("Api-Version", ApiVersion.CURRENT.toString());
    headers.put("Docker-Experimental", "false");
    headers.put("Ostype", "linux");
    headers.put("Server", SERVER);
  }
}
