package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to {@code POST /volumes/prune} and {@code /networks/prune}: what was removed, e.g.
 * {@code {"VolumesDeleted":["db"],"SpaceReclaimed":0}}; a null list is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PruneTemplate(
    @JsonProperty("VolumesDeleted") List<String> volumesDeleted,
    @JsonProperty("NetworksDeleted") List<String> networksDeleted,
    @JsonProperty("SpaceReclaimed") Long spaceReclaimed) {}
