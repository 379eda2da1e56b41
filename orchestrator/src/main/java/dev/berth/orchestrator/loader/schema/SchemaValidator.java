package dev.berth.orchestrator.loader.schema;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;

/** Checks a compose tree against {@code schemas/compose-spec.json}. */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** Throws a located error for the first schema violation in {@code tree}. */
  public static void validate(MapNode tree) throws BerthException {
    // filled in with the schema
  }
}
