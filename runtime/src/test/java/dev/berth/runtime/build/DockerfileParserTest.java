package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  private static List<RawInstruction> parse(String text) throws DockerfileException {
    return DockerfileParser.parse("Dockerfile", text).instructions();
  }

  @Test
  void parse_continuationsCommentsAndBlankLines_joinIntoOneInstruction() throws Exception {
    List<RawInstruction> in =
        parse("FROM scratch\n\n# a comment\nRUN echo a \\\n  # inside\n\n  && echo b\nCMD x\n");

    assertThat(in).extracting(RawInstruction::keyword).containsExactly("FROM", "RUN", "CMD");
    assertThat(in.get(1).args()).isEqualTo("echo a   && echo b");
    assertThat(in.get(1).line()).isEqualTo(4);
    assertThat(in.get(2).line()).isEqualTo(8);
  }

  @Test
  void parse_escapeDirective_makesBacktickTheContinuation() throws Exception {
    Dockerfile file =
        DockerfileParser.parse("Dockerfile", "# escape=`\nFROM scratch\nRUN a `\n b\\c\n");

    assertThat(file.escape()).isEqualTo('`');
    assertThat(file.instructions().get(1).args()).isEqualTo("a  b\\c");
  }

  @Test
  void parse_syntaxDirective_isRecordedAndIgnored() throws Exception {
    Dockerfile file =
        DockerfileParser.parse("Dockerfile", "# syntax=docker/dockerfile:1\nFROM scratch\n");

    assertThat(file.syntax()).isEqualTo("docker/dockerfile:1");
  }

  @Test
  void parse_directiveAfterAComment_isAComment() throws Exception {
    Dockerfile file = DockerfileParser.parse("Dockerfile", "# hello\n# escape=`\nFROM scratch\n");

    assertThat(file.escape()).isEqualTo('\\');
  }

  @Test
  void parse_execForm_keepsJsonWords_andInvalidJsonIsShellForm() throws Exception {
    List<RawInstruction> in = parse("FROM scratch\nCMD [\"a\", \"b c\"]\nRUN [not json\n");

    assertThat(in.get(1).json()).containsExactly("a", "b c");
    assertThat(in.get(2).json()).isNull();
    assertThat(in.get(2).args()).isEqualTo("[not json");
  }

  @Test
  void parse_flags_areSplitFromTheArguments() throws Exception {
    RawInstruction copy =
        parse("FROM scratch\ncopy --from=build --chown=1:2 --chmod=755 /a /b\n").get(1);

    assertThat(copy.keyword()).isEqualTo("COPY");
    assertThat(copy.flags()).isEqualTo(Map.of("from", "build", "chown", "1:2", "chmod", "755"));
    assertThat(copy.args()).isEqualTo("/a /b");
  }

  @Test
  void parse_argBeforeFrom_isAllowed_butOtherInstructionsAreNot() throws Exception {
    assertThat(parse("ARG V=1\nFROM scratch\n")).hasSize(2);
    assertThatThrownBy(() -> parse("RUN x\nFROM scratch\n"))
        .hasMessage("Dockerfile:1: RUN: no build stage in current context (FROM first)");
  }

  @Test
  void parse_laterFeatures_failNamingInstructionAndLine() {
    assertThatThrownBy(() -> parse("FROM scratch\nONBUILD RUN x\n"))
        .hasMessage("Dockerfile:2: ONBUILD: not supported by berth yet");
    assertThatThrownBy(() -> parse("FROM --platform=linux/arm64 scratch\n"))
        .hasMessage("Dockerfile:1: FROM: --platform is not supported by berth yet");
    assertThatThrownBy(() -> parse("FROM scratch\nRUN --mount=type=cache,target=/x true\n"))
        .hasMessage("Dockerfile:2: RUN: --mount is not supported by berth yet");
    assertThatThrownBy(() -> parse("FROM scratch\nCOPY --link a b\n"))
        .hasMessage("Dockerfile:2: COPY: --link is not supported by berth yet");
    assertThatThrownBy(() -> parse("FROM scratch\nRUN <<EOF\necho\nEOF\n"))
        .hasMessage("Dockerfile:2: RUN: heredocs (<<EOF) are not supported by berth yet");
    assertThatThrownBy(() -> parse("FROM scratch\nFETCH x\n"))
        .hasMessage("Dockerfile:2: unknown instruction: FETCH");
    assertThatThrownBy(() -> parse("FROM scratch\nCOPY --owner=1 a b\n"))
        .hasMessage("Dockerfile:2: COPY: unknown flag: --owner");
  }

  @Test
  void parse_emptyFile_fails() {
    assertThatThrownBy(() -> parse("# only a comment\n\n"))
        .hasMessage("the Dockerfile (Dockerfile) cannot be empty");
  }

  @Test
  void parse_invalidEscape_fails() {
    assertThatThrownBy(() -> parse("# escape=x\nFROM scratch\n"))
        .hasMessageContaining("invalid escape token 'x'");
  }

  @Test
  void stages_splitByFrom_withLowerCaseNames() throws Exception {
    List<Stage> stages =
        Stage.split(
            DockerfileParser.parse(
                "Dockerfile", "ARG X\nFROM scratch AS Build\nRUN a\nFROM build\nCMD b\n"));

    assertThat(stages).extracting(Stage::name).containsExactly("build", "");
    assertThat(stages.get(0).instructions()).hasSize(1);
    assertThat(stages.get(1).image()).isEqualTo("build");
  }

  @Test
  void stages_badFromSyntax_fails() {
    assertThatThrownBy(() -> Stage.split(DockerfileParser.parse("Dockerfile", "FROM a b\n")))
        .hasMessageContaining("Dockerfile:1: FROM: expects an image");
  }
}
