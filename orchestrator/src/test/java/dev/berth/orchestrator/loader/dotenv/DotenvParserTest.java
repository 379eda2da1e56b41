package dev.berth.orchestrator.loader.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotenvParserTest {

  @Test
  void parseAll_laterFileWins_andSeesEarlierValues() throws DotenvException {
    Map<String, String> env =
        DotenvParser.parseAll(
            List.of(
                "\nENV_HOSTNAME=localhost\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\n",
                "\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\n"),
            k -> null);
    assertThat(env)
        .containsEntry("ENV_HOSTNAME", "dev.my-company.com")
        .containsEntry("ENV_MY_URL", "http://dev.my-company.com");
  }

  @Test
  void parse_singleQuotes_areLiteral() throws DotenvException {
    assertThat(DotenvParser.parse("BAR='quote $FOO'", k -> "x")).containsEntry("BAR", "quote $FOO");
  }

  @Test
  void parse_unterminatedQuote_namesTheLine() {
    assertThatThrownBy(() -> DotenvParser.parse("A=1\nKEY=\"value", k -> null))
        .hasMessageContaining("line 2: unterminated quoted value");
  }
}
