package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of a {@code 201} to {@code POST /containers/create}: {@code {"Id":..,"Warnings":[]}}.
 */
public record ContainerCreatedTemplate(
    @JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {}
