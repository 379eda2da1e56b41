package dev.berth.orchestrator.model;

/** Where a value came from: file name, 1-based line and column (0 when unknown). */
public record Mark(String file, int line, int column) {

  /** A mark for values berth made up itself (defaults, normalization). */
  public static final Mark NONE = new Mark("", 0, 0);

  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return file + ":" + line + ":" + column;
  }
}
