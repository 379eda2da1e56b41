package dev.berth.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** WWW-Authenticate parsing. */
class AuthChallengeTest {
  @Test
  void parse_dockerHubBearerChallenge_readsRealmServiceAndScope() {
    AuthChallenge c =
        AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                    + "scope=\"repository:library/redis:pull\"")
            .orElseThrow();

    assertThat(c.isBearer()).isTrue();
    assertThat(c.params())
        .containsEntry("realm", "https://auth.docker.io/token")
        .containsEntry("service", "registry.docker.io")
        .containsEntry("scope", "repository:library/redis:pull");
  }

  @Test
  void parse_basicChallengeWithUnquotedValues() {
    AuthChallenge c = AuthChallenge.parse("Basic realm=berth, charset=\"UTF-8\"").orElseThrow();

    assertThat(c.isBasic()).isTrue();
    assertThat(c.params()).containsEntry("realm", "berth").containsEntry("charset", "UTF-8");
  }

  @Test
  void parse_emptyHeader_isNoChallenge() {
    assertThat(AuthChallenge.parse("")).isEmpty();
    assertThat(AuthChallenge.parse(null)).isEmpty();
  }
}
