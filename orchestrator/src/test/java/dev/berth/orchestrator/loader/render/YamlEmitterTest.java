package dev.berth.orchestrator.loader.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlEmitterTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "nginx|nginx",
        "8080|\"8080\"",
        "true|\"true\"",
        "yes|\"yes\"",
        "null|\"null\"",
        "0755|\"0755\"",
        "1.5|\"1.5\"",
        "2001-12-14|\"2001-12-14\"",
        "a: b|'a: b'",
        "*star|'*star'",
        "it's: x|'it''s: x'",
        "-g|-g",
        "daemon off;|daemon off;",
        "echo #x|'echo #x'",
        "ends:|'ends:'",
        "12:30|\"12:30\"",
        "8080:80|8080:80"
      })
  void scalar_quotesOnlyWhatPlainStyleWouldChange(String in, String out) {
    assertThat(YamlEmitter.scalar(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"'a\nb','|-\na\nb'", "'a\n','|\na'"})
  void scalar_multiLine_usesLiteralStyle(String in, String out) {
    assertThat(YamlEmitter.scalar(in)).isEqualTo(out);
  }
}
