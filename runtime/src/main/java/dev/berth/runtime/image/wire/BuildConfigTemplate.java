package dev.berth.runtime.image.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An image config as the builder writes it (and the {@code Shell} it reads back from a base image):
 * {@code {"created":"...","architecture":"amd64","os":"linux","config":{"Env":[...],
 * "Shell":[...]},"rootfs":{"type":"layers","diff_ids":[...]}}}. Unset fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildConfigTemplate {
  public String created;
  public String architecture;
  public String os;
  public String variant;
  public RunConfig config;
  public ConfigTemplate.RootFs rootfs;

  /** The {@code config} object. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RunConfig {
    @JsonProperty("User")
    public String user;

    @JsonProperty("ExposedPorts")
    public Map<String, Object> exposedPorts;

    @JsonProperty("Env")
    public List<String> env;

    @JsonProperty("Cmd")
    public List<String> cmd;

    @JsonProperty("Healthcheck")
    public HealthTemplate healthcheck;

    @JsonProperty("Volumes")
    public Map<String, Object> volumes;

    @JsonProperty("WorkingDir")
    public String workingDir;

    @JsonProperty("Entrypoint")
    public List<String> entrypoint;

    @JsonProperty("Labels")
    public Map<String, String> labels;

    @JsonProperty("StopSignal")
    public String stopSignal;

    @JsonProperty("Shell")
    public List<String> shell;
  }

  /** A HEALTHCHECK as Docker writes it: nanoseconds, zero values left out. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
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
}
