package dev.berth.orchestrator.loader.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {
  private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$SET|value",
        "${SET}|value",
        "${UNSET:-d}|d",
        "${EMPTY:-d}|d",
        "${EMPTY-d}|''",
        "${UNSET-d}|d",
        "${SET:+alt}|alt",
        "${EMPTY:+alt}|''",
        "${EMPTY+alt}|alt",
        "${UNSET+alt}|''",
        "${UNSET:-${SET}}|value",
        "${UNSET:-${ALSO_UNSET:-deep}}|deep",
        "$$SET|$SET",
        "a$-b|a$-b",
        "${SET}${SET}|valuevalue"
      })
  void substitute_everyForm(String template, String expected) throws TemplateException {
    assertThat(Template.substitute(template, ENV::get)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "${UNSET:?need it}|required variable UNSET is missing a value: need it",
        "${EMPTY:?}|required variable EMPTY is missing a value",
        "${UNSET?}|required variable UNSET is missing a value",
        "${}|Invalid template"
      })
  void substitute_errors_nameTheVariable(String template, String message) {
    assertThatThrownBy(() -> Template.substitute(template, ENV::get))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"'A:?x?y',':?'", "'A-x:-y','-'", "'A+x:+y','+'"})
  void firstOperator_isTheEarliestOne(String expression, String operator) {
    assertThat(Template.firstOperator(expression)).isEqualTo(operator);
  }
}
