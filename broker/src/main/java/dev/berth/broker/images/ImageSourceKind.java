package dev.berth.broker.images;

import dev.berth.provider.spi.ImageSource;

/** Which of the three kinds of source a workload's image was resolved to; shown on the workload. */
public enum ImageSourceKind {
    REGISTRY, PLATFORM, SNAPSHOT;

    public static ImageSourceKind of(ImageSource image) {
        if (image instanceof ImageSource.RegistryImage) {
            return REGISTRY;
        }
        return image instanceof ImageSource.PlatformImage ? PLATFORM : SNAPSHOT;
    }

    /** The API's spelling: {@code registry}, {@code platform}, {@code snapshot}. */
    public String apiValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
