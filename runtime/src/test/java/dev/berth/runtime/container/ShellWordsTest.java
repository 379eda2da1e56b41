package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void split_honoursQuotesAndEscapes() throws Exception {
    assertThat(ShellWords.split("sh -c 'echo \"a  b\"' x\\ y \"q\\\"\""))
        .containsExactly("sh", "-c", "echo \"a  b\"", "x y", "q\"");
  }

  @Test
  void split_emptyQuotes_giveAnEmptyWord() throws Exception {
    assertThat(ShellWords.split("a '' b")).containsExactly("a", "", "b");
  }

  @Test
  void split_unterminatedQuote_isRejectedWithTheInput() {
    assertThatThrownBy(() -> ShellWords.split("echo 'oops"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("echo 'oops");
  }
}
