package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of {@code GET /events} (Docker API 1.44 {@code EventMessage}), e.g. {@code
 * {"Type":"container","Action":"start","Actor":{"ID":"4f..","Attributes":{"name":"web"}},
 * "scope":"local","time":1700000000,"timeNano":1700000000123456789}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTemplate(
    @JsonProperty("Type") String type,
    @JsonProperty("Action") String action,
    @JsonProperty("Actor") Actor actor,
    @JsonProperty("scope") String scope,
    @JsonProperty("time") long time,
    @JsonProperty("timeNano") long timeNano,
    @JsonProperty("status") String status,
    @JsonProperty("id") String id,
    @JsonProperty("from") String from) {

  /** The object the event is about and its attributes (name, image, labels). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Actor(
      @JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {}
}
