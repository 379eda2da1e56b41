package dev.berth.orchestrator.model;

/** One value of a Compose document: a mapping, a sequence or a scalar, with its source mark. */
public sealed interface Node permits MapNode, SeqNode, ScalarNode, TaggedNode {

  /** Where this value was written. */
  Mark mark();

  /** A short name of this node's shape for error messages ("mapping", "sequence", ...). */
  String describe();
}
