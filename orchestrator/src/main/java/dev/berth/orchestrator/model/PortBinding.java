package dev.berth.orchestrator.model;

import java.util.Objects;

/**
 * One published or exposed port in long form: {@code {mode: ingress, host_ip: 127.0.0.1, target:
 * 80, published: "8080", protocol: tcp}}. {@code published} is empty for an ephemeral host port and
 * may be a range ({@code 8000-8010}).
 */
public record PortBinding(
    String hostIp, int target, String published, String protocol, String mode) {

  public PortBinding {
    hostIp = hostIp == null ? "" : hostIp;
    published = published == null ? "" : published;
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(mode, "mode");
    if (target < 0 || target > 65535) {
      throw new IllegalArgumentException("invalid target port " + target);
    }
  }
}
