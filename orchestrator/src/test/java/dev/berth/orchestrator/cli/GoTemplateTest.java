package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {
  private static final Map<String, String> HEADERS =
      Map.of("Name", "NAME", "ExitCode", "EXIT CODE");

  private static Map<String, Object> row(String name, String state, int exit) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("Name", name);
    row.put("State", state);
    row.put("ExitCode", exit);
    row.put("Labels", new java.util.TreeMap<>(Map.of("tier", "db", "a", "1")));
    row.put("Networks", List.of("front", "back"));
    return row;
  }

  private static String print(String format, Map<String, Object>... rows) throws Exception {
    StringWriter out = new StringWriter();
    GoTemplate.parse(format, HEADERS).print(new PrintWriter(out, true), List.of(rows));
    return out.toString();
  }

  @Test
  void fields_escapesAndFunctions() throws Exception {
    assertThat(print("{{.Name}}\\t{{upper .State}} {{.ExitCode}}", row("p-db-1", "running", 0)))
        .isEqualTo("p-db-1\tRUNNING 0\n");
    assertThat(print("{{json .Labels}}", row("x", "exited", 3)))
        .isEqualTo("{\"a\":\"1\",\"tier\":\"db\"}\n");
    assertThat(print("{{.Labels.tier}} {{.Labels.nope}} {{.Networks}}", row("x", "s", 0)))
        .isEqualTo("db <no value> [front back]\n");
    assertThat(print("{{.Labels}}", row("x", "s", 0))).isEqualTo("map[a:1 tier:db]\n");
  }

  @Test
  void table_alignsColumnsUnderHeaders_likeTabwriter() throws Exception {
    assertThat(
            print(
                "table {{.Name}}\\t{{.ExitCode}}\\t{{.State}}",
                row("proj-database-1", "exited", 3),
                row("p-a-1", "running", 0)))
        .isEqualTo(
            "NAME              EXIT CODE   STATE\n"
                + "proj-database-1   3           exited\n"
                + "p-a-1             0           running\n");
  }

  @Test
  void unknownFieldsAndActions_areRefusedByName() {
    assertThatThrownBy(() -> print("{{.Nmae}}", row("x", "s", 0)))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("can't evaluate field Nmae")
        .hasMessageContaining("Name");
    assertThatThrownBy(() -> GoTemplate.parse("{{range .Networks}}x{{end}}", HEADERS))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("{{range .Networks}}");
    assertThatThrownBy(() -> GoTemplate.parse("{{.Name", HEADERS))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("unclosed");
  }
}
