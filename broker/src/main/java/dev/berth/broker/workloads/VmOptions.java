package dev.berth.broker.workloads;

import java.util.List;

/**
 * VM settings of a workload. {@code userData} is cloud-init user data, stored sealed for
 * (re-)provisioning ({@link UserData}) and never returned by the API: it often carries secrets.
 */
public record VmOptions(String osFamily, boolean customKernel, UserData userData, List<String> sshKeys) {

    public static final VmOptions LINUX = new VmOptions("linux", false, null, List.of());

    public VmOptions {
        osFamily = osFamily == null ? "linux" : osFamily;
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }
}
