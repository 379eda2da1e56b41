package dev.berth.orchestrator.loader.schema;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.loader.yaml.YamlReader;
import dev.berth.orchestrator.model.MapNode;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

  private static MapNode doc(String yaml) throws Exception {
    return (MapNode) YamlReader.readAll("compose.yaml", yaml).get(0);
  }

  @Test
  void validate_unknownKey_suggestsTheNearestOne() {
    assertThatThrownBy(() -> SchemaValidator.validate(doc("services:\n  web:\n    imag: x\n")))
        .hasMessage(
            "compose.yaml:3:5: services.web additional properties 'imag' not allowed"
                + " (did you mean 'image'?)");
  }

  @Test
  void validate_wrongType_saysWhatIsExpected() {
    assertThatThrownBy(() -> SchemaValidator.validate(doc("services:\n  web:\n    image: [a]\n")))
        .hasMessage("compose.yaml:3:12: services.web.image must be a string");
  }

  @Test
  void validate_everySpecAttribute_isAccepted() {
    String yaml =
        "services:\n  s:\n    image: x\n    pull_refresh_after: 1h\n    use_api_socket: true\n"
            + "    post_start: [{command: [echo]}]\n    gpus: all\n    provider: {type: t}\n"
            + "    x-anything: 1\nmodels:\n  m: {model: ai/x}\nx-top: 1\n";
    assertThatCode(() -> SchemaValidator.validate(doc(yaml))).doesNotThrowAnyException();
  }
}
