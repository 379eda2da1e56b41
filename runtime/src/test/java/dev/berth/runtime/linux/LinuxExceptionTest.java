package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages and error kinds of failed calls. */
class LinuxExceptionTest {

  @Test
  void message_namesCallErrnoAndStrerror() {
    LinuxException e = new LinuxException("kill(1, SIGTERM)", Errno.EPERM);

    assertThat(e).hasMessage("kill(1, SIGTERM): EPERM (Operation not permitted)");
    assertThat(e.call()).isEqualTo("kill(1, SIGTERM)");
    assertThat(e.errno()).isEqualTo(1);
    assertThat(e).isInstanceOf(EngineException.class);
  }

  @Test
  void message_ofErrnoMissingFromTheTable_showsItsNumber() {
    LinuxException e = new LinuxException("f()", 133);

    assertThat(e.getMessage()).startsWith("f(): errno 133 (").endsWith(")");
    assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
  }

  @ParameterizedTest
  @CsvSource({
    "2, NOT_FOUND",
    "3, NOT_FOUND",
    "17, CONFLICT",
    "16, CONFLICT",
    "1, PERMISSION_DENIED",
    "13, PERMISSION_DENIED",
    "22, INVALID_ARGUMENT",
    "38, UNSUPPORTED",
    "95, UNSUPPORTED",
    "11, UNAVAILABLE",
    "110, UNAVAILABLE",
    "5, INTERNAL",
    "28, INTERNAL"
  })
  void kindOf_mapsErrnoToErrorKind(int errno, ErrorKind kind) {
    assertThat(LinuxException.kindOf(errno)).isEqualTo(kind);
    assertThat(new LinuxException("f()", errno).kind()).isEqualTo(kind);
  }

  @Test
  void errnoName_coversTheCommonValues() {
    assertThat(Errno.name(Errno.ENOENT)).isEqualTo("ENOENT");
    assertThat(Errno.name(Errno.ENODATA)).isEqualTo("ENODATA");
    assertThat(Errno.describe(Errno.ENOENT)).isEqualTo("No such file or directory");
  }
}
