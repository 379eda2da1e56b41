package dev.berth.runtime.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.ContainerSpec;
import dev.berth.runtime.container.ImageConfig;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.volume.MountRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How create requests become engine specs, and what they refuse. */
class CreateTranslatorTest {
  private static final ImageConfig IMAGE = ImageConfig.ofCmd("sh");

  private static ContainerCreateTemplate request(String json) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(json, ContainerCreateTemplate.class);
  }

  private static ContainerSpec translate(String json) throws Exception {
    return CreateTranslator.translate("c", request(json), IMAGE, List.of(Path.of("/layer")))
        .build();
  }

  @Test
  void bind_ofAHostPathWithRo_isAReadOnlyBind_andANameIsAVolume() throws Exception {
    assertThat(CreateTranslator.bind("/srv/data:/data:ro"))
        .isEqualTo(MountRequest.bind("/srv/data", "/data", true));
    assertThat(CreateTranslator.bind("cache:/cache").type()).isEqualTo(MountRequest.Type.VOLUME);
  }

  @Test
  void bind_withAnUnknownOption_isInvalidNamingIt() {
    assertThatThrownBy(() -> CreateTranslator.bind("/a:/b:frob"))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
        .hasMessageContaining("unknown option \"frob\"");
  }

  @Test
  void entrypointOfOneEmptyString_resetsTheImages_andEnvLabelsUserCarryOver() throws Exception {
    ContainerSpec spec =
        translate(
            "{\"Image\":\"x\",\"Entrypoint\":[\"\"],\"Cmd\":[\"echo\"],\"Env\":[\"A=1\"],"
                + "\"User\":\"1000\",\"Labels\":{\"k\":\"v\"},\"StopTimeout\":3}");

    assertThat(spec.entrypoint()).isEmpty();
    assertThat(spec.command()).containsExactly("echo");
    assertThat(spec.env()).containsExactly("A=1");
    assertThat(spec.user()).isEqualTo("1000");
    assertThat(spec.labels()).isEqualTo(Map.of("k", "v"));
    assertThat(spec.stopGracePeriod()).hasSeconds(3);
  }

  @Test
  void autoRemove_withARestartPolicy_isAConflict() {
    assertThatThrownBy(
            () ->
                translate(
                    "{\"Image\":\"x\",\"HostConfig\":{\"AutoRemove\":true,"
                        + "\"RestartPolicy\":{\"Name\":\"always\"}}}"))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  @Test
  void hostConfig_limitsTmpfsSecurityAndInit_reachTheSpec() throws Exception {
    ContainerSpec spec =
        translate(
            "{\"Image\":\"x\",\"HostConfig\":{\"Memory\":67108864,\"NanoCpus\":500000000,"
                + "\"PidsLimit\":64,\"Tmpfs\":{\"/run\":\"size=1m\"},"
                + "\"SecurityOpt\":[\"no-new-privileges\"],\"Init\":true,"
                + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}}}");

    assertThat(spec.resources().memoryBytes()).isEqualTo(64L << 20);
    assertThat(spec.resources().cpus()).isEqualTo(0.5);
    assertThat(spec.resources().pidsLimit()).isEqualTo(64);
    assertThat(spec.mounts()).containsExactly(MountRequest.tmpfs("/run", 1 << 20));
    assertThat(spec.noNewPrivileges()).isTrue();
    assertThat(spec.init()).isTrue();
    assertThat(spec.restartPolicy().dockerName()).isEqualTo("on-failure:2");
  }

  @Test
  void anUnknownSecurityOptOrLogDriver_isRefusedNamingIt() {
    assertThatThrownBy(
            () -> translate("{\"Image\":\"x\",\"HostConfig\":{\"SecurityOpt\":[\"seccomp=x\"]}}"))
        .hasMessageContaining("SecurityOpt \"seccomp=x\"");
    assertThatThrownBy(
            () ->
                translate("{\"Image\":\"x\",\"HostConfig\":{\"LogConfig\":{\"Type\":\"syslog\"}}}"))
        .hasMessageContaining("LogConfig.Type \"syslog\"");
  }

  @Test
  void portBindings_explicitAndPublishAll_becomeBindings() throws Exception {
    List<PortBinding> bindings =
        PortRequests.bindings(
            request(
                "{\"Image\":\"x\",\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{}},"
                    + "\"HostConfig\":{\"PublishAllPorts\":true,\"PortBindings\":"
                    + "{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}]}}}"));

    assertThat(bindings)
        .extracting(PortBinding::describe)
        .containsExactly("127.0.0.1:8080->80/tcp", "0.0.0.0:->53/udp");
  }
}
