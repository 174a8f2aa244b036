package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A VM's EC2 user data: a shell script that cloud-init runs once at first boot. It writes the
 * workload's environment to {@code /etc/berth/workload.env} (mode 600) and, if the workload has
 * a command, runs it in the background with that environment. An empty command leaves the
 * image's own services in charge, as the image intended. Note: user data is readable by anyone
 * allowed {@code ec2:DescribeInstanceAttribute} in the account, so secrets do not belong in env.
 */
final class UserData {

    /** EC2 refuses more than 16 KiB of user data (before base64). */
    static final int MAX_BYTES = 16 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private UserData() {
    }

    /** The script as EC2 wants it: base64. */
    static String encoded(WorkloadSpec spec) {
        byte[] script = script(spec).getBytes(StandardCharsets.UTF_8);
        if (script.length > MAX_BYTES) {
            throw new ProviderException.Permanent("the VM's user data (environment and command) is " + script.length
                    + " bytes; EC2 allows " + MAX_BYTES, null);
        }
        return Base64.getEncoder().encodeToString(script);
    }

    static String script(WorkloadSpec spec) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Berth workload ").append(spec.workloadId()).append(" of tenant ").append(spec.tenant()).append('\n');
        s.append("set -eu\n");
        s.append("umask 077\n");
        s.append("mkdir -p /etc/berth\n");
        s.append("cat > /etc/berth/workload.env <<'BERTH_ENV_EOF'\n");
        for (Map.Entry<String, String> env : new TreeMap<>(spec.env()).entrySet()) {
            if (!ENV_NAME.matcher(env.getKey()).matches() || env.getValue().contains("\n")) {
                throw new ProviderException.Permanent("environment variable '" + env.getKey() + "' cannot be passed "
                        + "to a VM: names are [A-Za-z_][A-Za-z0-9_]*, values a single line", null);
            }
            s.append(env.getKey()).append('=').append(quote(env.getValue())).append('\n');
        }
        s.append("BERTH_ENV_EOF\n");
        if (!spec.command().isEmpty()) {
            s.append("set -a\n. /etc/berth/workload.env\nset +a\n");
            s.append("nohup");
            for (String arg : spec.command()) {
                s.append(' ').append(quote(arg));
            }
            s.append(" >/var/log/berth-workload.log 2>&1 &\n");
        }
        return s.toString();
    }

    /** POSIX single-quoting: safe for any value, including quotes and $. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
