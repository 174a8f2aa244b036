package dev.berth.cli.auth;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code berth} keeps its state: {@code --config DIR} when given, else
 * {@code $XDG_CONFIG_HOME/berth}, else {@code ~/.config/berth} (the XDG base directory rule).
 */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    public static Path resolve(Path override, Map<String, String> env, String userHome) {
        if (override != null) {
            return override;
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // XDG: a relative value is invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "berth");
        }
        return Path.of(userHome, ".config", "berth");
    }
}
