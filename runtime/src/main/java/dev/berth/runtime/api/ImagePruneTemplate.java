package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code POST /images/prune}: {@code {"ImagesDeleted":[..],"SpaceReclaimed":0}}. */
public record ImagePruneTemplate(
    @JsonProperty("ImagesDeleted") List<ImageDeleteTemplate> imagesDeleted,
    @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}
