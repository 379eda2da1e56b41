package dev.berth.runtime.image.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of an image config berth reads: {@code {"architecture":"amd64","os":"linux",
 * "config":{"Env":[...],"Cmd":[...]},"rootfs":{"type":"layers","diff_ids":[...]}}}.
 */
public class ConfigTemplate {
  public String created;
  public String architecture;
  public String os;
  public String variant;
  public RunConfig config;
  public RootFs rootfs;

  /** The {@code config} object, with Docker's capitalized keys. */
  public static class RunConfig {
    @JsonProperty("Env")
    public List<String> env;

    @JsonProperty("Cmd")
    public List<String> cmd;

    @JsonProperty("Entrypoint")
    public List<String> entrypoint;

    @JsonProperty("WorkingDir")
    public String workingDir;

    @JsonProperty("User")
    public String user;

    @JsonProperty("ExposedPorts")
    public Map<String, Object> exposedPorts;

    @JsonProperty("Volumes")
    public Map<String, Object> volumes;

    @JsonProperty("Healthcheck")
    public HealthTemplate healthcheck;

    @JsonProperty("StopSignal")
    public String stopSignal;

    @JsonProperty("Labels")
    public Map<String, String> labels;
  }

  /** A HEALTHCHECK; durations are in nanoseconds as Docker writes them. */
  public static class HealthTemplate {
    @JsonProperty("Test")
    public List<String> test;

    @JsonProperty("Interval")
    public long interval;

    @JsonProperty("Timeout")
    public long timeout;

    @JsonProperty("StartPeriod")
    public long startPeriod;

    @JsonProperty("StartInterval")
    public long startInterval;

    @JsonProperty("Retries")
    public int retries;
  }

  /** The {@code rootfs} object. */
  public static class RootFs {
    public String type;

    @JsonProperty("diff_ids")
    public List<String> diffIds;
  }
}
