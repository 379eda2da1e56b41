package dev.berth.runtime.registry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Bearer realm="https://auth.docker.io/token",
 * service="registry.docker.io",scope="repository:library/redis:pull"} or {@code Basic realm="x"}.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
  AuthChallenge {
    params = Map.copyOf(params);
  }

  static Optional<AuthChallenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new HashMap<>();
    int i = space < 0 ? h.length() : space + 1;
    while (i < h.length()) {
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      StringBuilder value = new StringBuilder();
      if (j < h.length() && h.charAt(j) == '"') {
        j++;
        while (j < h.length() && h.charAt(j) != '"') {
          if (h.charAt(j) == '\\' && j + 1 < h.length()) {
            j++;
          }
          value.append(h.charAt(j++));
        }
        j++; // closing quote
      } else {
        while (j < h.length() && h.charAt(j) != ',') {
          value.append(h.charAt(j++));
        }
      }
      params.put(key, value.toString().trim());
      while (j < h.length() && (h.charAt(j) == ',' || h.charAt(j) == ' ')) {
        j++;
      }
      i = j;
    }
    return Optional.of(new AuthChallenge(scheme, params));
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }
}
