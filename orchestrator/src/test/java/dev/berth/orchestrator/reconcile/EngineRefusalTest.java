package dev.berth.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import org.junit.jupiter.api.Test;

class EngineRefusalTest {
  @Test
  void berthdsRefusalNamesTheServiceAndTheComposeKeys() {
    EngineException e =
        new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "berthd does not support HostConfig.MemorySwap, HostConfig.IpcMode");

    assertThat(EngineRefusal.isRefusal(e)).isTrue();
    assertThat(EngineRefusal.explain("web", e).getMessage())
        .isEqualTo(
            "services.web.memswap_limit, ipc: the engine refused them:"
                + " berthd does not support HostConfig.MemorySwap, HostConfig.IpcMode");
  }

  @Test
  void aLongerFieldIsNotAlsoCountedAsTheShorterOneItStartsWith() {
    assertThat(EngineRefusal.keysIn("berthd does not support HostConfig.SecurityOpt \"seccomp\""))
        .containsExactly("security_opt");
    assertThat(EngineRefusal.keysIn("HostConfig.MemoryReservation"))
        .containsExactly("mem_reservation / deploy.resources.reservations.memory");
  }

  @Test
  void aRefusalNamingNoKnownFieldStillNamesTheService() {
    EngineException e = new EngineException(ErrorKind.INVALID_ARGUMENT, "bad thing");

    assertThat(EngineRefusal.explain("db", e).getMessage())
        .isEqualTo("services.db: the engine could not create the container: bad thing");
  }

  @Test
  void dockerdsCliStyleMessagesNameTheKeyToo() {
    assertThat(EngineRefusal.keysIn("invalid --security-opt 2: \"no-such-option=1\""))
        .containsExactly("security_opt");
    assertThat(EngineRefusal.keysIn("Minimum memory limit allowed is 6MB"))
        .containsExactly("mem_limit / deploy.resources.limits.memory");
    assertThat(EngineRefusal.keysIn("unknown or invalid runtime name: kata"))
        .containsExactly("runtime");
    assertThat(EngineRefusal.keysIn("invalid IPC mode: bogus")).containsExactly("ipc");
  }

  @Test
  void aStartFailureNamingASysctlHintsAtTheComposeKey() {
    assertThat(
            EngineRefusal.hint(
                "OCI runtime create failed: sysctl \"net.ipv4.ip_forward\" not allowed in host"
                    + " network namespace"))
        .isEqualTo(" (set by compose key sysctls)");
    assertThat(EngineRefusal.hint("exec format error")).isEmpty();
  }

  @Test
  void aMissingContainerOrANameConflictIsNotARefusal() {
    assertThat(EngineRefusal.isRefusal(new EngineException(ErrorKind.NOT_FOUND, "no such")))
        .isFalse();
    assertThat(EngineRefusal.isRefusal(new EngineException(ErrorKind.CONFLICT, "in use")))
        .isFalse();
  }
}
