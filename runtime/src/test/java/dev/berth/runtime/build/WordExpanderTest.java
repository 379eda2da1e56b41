package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordExpanderTest {
  private final Map<String, String> vars = new HashMap<>(Map.of("A", "a", "EMPTY", ""));
  private final WordExpander words = new WordExpander('\\', vars::get);

  @Test
  void word_expandsPlainAndBracedVariables() throws Exception {
    assertThat(words.word("$A-${A}x$UNSET.")).isEqualTo("a-ax.");
  }

  @Test
  void word_defaultsAndAlternatives_followShellRules() throws Exception {
    assertThat(words.word("${UNSET:-d}|${EMPTY:-d}|${EMPTY-d}|${A:-d}")).isEqualTo("d|d||a");
    assertThat(words.word("${A:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${UNSET+alt}"))
        .isEqualTo("alt||alt|");
    assertThat(words.word("${UNSET:-${A}b}")).isEqualTo("ab");
  }

  @Test
  void word_requiredVariable_failsWithItsMessage() {
    assertThatThrownBy(() -> words.word("${UNSET:?must be set}")).hasMessage("UNSET: must be set");
  }

  @Test
  void word_quotesAndEscapes() throws Exception {
    assertThat(words.word("'$A'\"$A\"\\$A")).isEqualTo("$Aa$A");
    assertThat(words.word("\"a\\\"b\\c\"")).isEqualTo("a\"b\\c");
  }

  @Test
  void word_unsupportedModifier_fails() {
    assertThatThrownBy(() -> words.word("${A#x}")).hasMessageContaining("unsupported modifier");
  }

  @Test
  void words_splitOnUnquotedWhitespaceOnly() throws Exception {
    assertThat(words.words("a \"b c\" 'd e' f\\ g $A"))
        .containsExactly("a", "b c", "d e", "f g", "a");
  }

  @Test
  void word_backtickEscape_whenTheDirectiveSaysSo() throws Exception {
    WordExpander backtick = new WordExpander('`', vars::get);

    assertThat(backtick.word("C:\\dir`$A")).isEqualTo("C:\\dir$A");
  }
}
