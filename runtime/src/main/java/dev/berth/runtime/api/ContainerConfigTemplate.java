package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The full body of {@code POST /containers/create} as Compose clients send it (Docker API 1.44
 * {@code ContainerConfig} with {@code HostConfig} and {@code NetworkingConfig}); null fields are
 * left out so the engine applies its defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerConfigTemplate(
    @JsonProperty("Image") String image,
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("User") String user,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("ExposedPorts") Map<String, Map<String, String>> exposedPorts,
    @JsonProperty("Healthcheck") HealthConfigTemplate healthcheck,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("StopTimeout") Integer stopTimeout,
    @JsonProperty("Tty") Boolean tty,
    @JsonProperty("OpenStdin") Boolean openStdin,
    @JsonProperty("StdinOnce") Boolean stdinOnce,
    @JsonProperty("AttachStdin") Boolean attachStdin,
    @JsonProperty("AttachStdout") Boolean attachStdout,
    @JsonProperty("AttachStderr") Boolean attachStderr,
    @JsonProperty("HostConfig") HostConfigTemplate hostConfig,
    @JsonProperty("NetworkingConfig") NetworkingConfigTemplate networkingConfig,
    @JsonProperty("Domainname") String domainname,
    @JsonProperty("MacAddress") String macAddress) {}
