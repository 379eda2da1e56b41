package dev.berth.runtime.build;

import java.util.List;

/**
 * One build stage: its {@code FROM} and the instructions after it; {@code name} is the {@code AS}
 * name in lower case, or empty.
 */
record Stage(int index, String name, RawInstruction from, List<RawInstruction> instructions) {
  Stage {
    instructions = List.copyOf(instructions);
  }

  /** Splits a Dockerfile's instructions after its global ARGs into stages. */
  static List<Stage> split(Dockerfile file) throws DockerfileException {
    List<Stage> stages = new java.util.ArrayList<>();
    RawInstruction from = null;
    List<RawInstruction> body = new java.util.ArrayList<>();
    for (RawInstruction in : file.instructions()) {
      if (in.keyword().equals("FROM")) {
        if (from != null) {
          stages.add(new Stage(stages.size(), nameOf(from), from, body));
        }
        from = in;
        body = new java.util.ArrayList<>();
      } else if (from != null) {
        body.add(in);
      }
    }
    stages.add(new Stage(stages.size(), nameOf(from), from, body));
    return stages;
  }

  private static String nameOf(RawInstruction from) throws DockerfileException {
    String[] words = from.args().strip().split("\\s+");
    if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
      String name = words[2].toLowerCase(java.util.Locale.ROOT);
      if (!name.matches("[a-z][a-z0-9-_.]*")) {
        throw DockerfileException.at(
            from, "invalid stage name \"" + words[2] + "\": use letters, digits, '-', '_' and '.'");
      }
      return name;
    }
    if (words.length != 1 || words[0].isEmpty()) {
      throw DockerfileException.at(from, "expects an image and optionally \"AS <name>\"");
    }
    return "";
  }

  /** The image text after FROM (before expansion). */
  String image() {
    return from.args().strip().split("\\s+")[0];
  }
}
