package dev.berth.orchestrator.loader.schema;

import java.util.List;

/** Suggests the nearest valid key for a misspelt one. */
final class Suggestions {
  private Suggestions() {}

  /** {@code " (did you mean 'x'?)"} for a close valid name, else "". */
  static String hint(String wrong, List<String> valid) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String v : valid) {
      int d = distance(wrong, v);
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > Math.max(2, wrong.length() / 3)) {
      return "";
    }
    return " (did you mean '" + best + "'?)";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
