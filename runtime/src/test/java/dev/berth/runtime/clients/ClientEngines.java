package dev.berth.runtime.clients;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * The one place that says which engines client scenarios run against: both, unless the system
 * property {@code berth.clients.engines} names a comma-separated subset (e.g. {@code dockerd} while
 * berthd's endpoints are being wired). Use as {@code @ArgumentsSource(ClientEngines.class)}.
 */
public final class ClientEngines implements ArgumentsProvider {
  static final String PROPERTY = "berth.clients.engines";

  @Override
  public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
    return selected().map(Arguments::of);
  }

  static Stream<EngineKind> selected() {
    String names = System.getProperty(PROPERTY, "dockerd,berthd");
    return Arrays.stream(names.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> EngineKind.valueOf(s.toUpperCase(Locale.ROOT)));
  }
}
