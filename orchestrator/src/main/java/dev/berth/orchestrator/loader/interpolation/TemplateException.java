package dev.berth.orchestrator.loader.interpolation;

/** A template that cannot be substituted: malformed, or a required variable is missing. */
public final class TemplateException extends Exception {
  private final String variable;

  TemplateException(String message, String variable) {
    super(message);
    this.variable = variable;
  }

  static TemplateException invalid(String template) {
    return new TemplateException("Invalid template: \"" + template + "\"", null);
  }

  static TemplateException missing(String variable, String reason) {
    String message = "required variable " + variable + " is missing a value";
    if (!reason.isEmpty()) {
      message += ": " + reason;
    }
    return new TemplateException(message, variable);
  }

  /** The missing required variable, or null when the template was malformed. */
  public String variable() {
    return variable;
  }
}
