package dev.berth.orchestrator.loader.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Checks one compose document against {@code schemas/compose-spec.json}. */
public final class SchemaValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode RAW = raw();
  private static final JsonSchema SCHEMA = load();

  private SchemaValidator() {}

  private static JsonNode raw() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream("compose-spec.json")) {
      return JSON.readTree(Objects.requireNonNull(in, "compose-spec.json on classpath"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema load() {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(RAW, config);
  }

  /** The schema object at {@code pointer} (a JSON pointer into the schema), or null. */
  static JsonNode schemaAt(String pointer) {
    JsonNode n = RAW.at(pointer);
    return n.isMissingNode() ? null : n;
  }

  /** Throws a located, readable error for the most specific schema violation in {@code doc}. */
  public static void validate(MapNode doc) throws BerthException {
    Map<String, Mark> marks = new HashMap<>();
    JsonNode json = JsonTree.of(doc, marks);
    Set<ValidationMessage> messages = new java.util.LinkedHashSet<>(SCHEMA.validate(json));
    // duplicates are removed by the merge's unicity rules, as the reference does before validating
    messages.removeIf(m -> "uniqueItems".equals(m.getType()));
    if (messages.isEmpty()) {
      return;
    }
    ValidationMessage best = mostSpecific(new ArrayList<>(messages));
    throw new BerthException(ErrorKind.INVALID_ARGUMENT, Violation.describe(best, marks));
  }

  private static ValidationMessage mostSpecific(List<ValidationMessage> messages) {
    ValidationMessage best = null;
    int bestScore = -1;
    for (ValidationMessage m : messages) {
      int score = m.getInstanceLocation().getNameCount() * 2;
      if ("additionalProperties".equals(m.getType())) {
        score += 2;
      }
      if ("oneOf".equals(m.getType()) || "anyOf".equals(m.getType())) {
        score -= 1;
      }
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }
}
