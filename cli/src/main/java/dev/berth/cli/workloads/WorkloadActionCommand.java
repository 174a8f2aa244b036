package dev.berth.cli.workloads;

import java.util.UUID;

import dev.berth.cli.ExitCode;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.WorkloadOperation;
import dev.berth.sdk.model.WorkloadStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth workloads start|stop|restart ID [--wait]}: one class per verb, the call and target status differ. */
abstract class WorkloadActionCommand extends MutationCommand {

    @Parameters(paramLabel = "ID")
    UUID id;

    @Mixin
    WaitOptions options;

    abstract WorkloadOperation call(WorkloadsApi workloads, String key) throws ApiException;

    abstract WorkloadStatus target();

    @Override
    protected ExitCode run() throws ApiException {
        ApiClient api = api();
        return finish(api, call(new WorkloadsApi(api), options.key()), options, target());
    }

    @Command(name = "start", description = "Start a stopped workload.")
    static final class Start extends WorkloadActionCommand {
        WorkloadOperation call(WorkloadsApi w, String key) throws ApiException {
            return w.startWorkload(id, key);
        }

        WorkloadStatus target() {
            return WorkloadStatus.RUNNING;
        }
    }

    @Command(name = "stop", description = "Stop a running workload.")
    static final class Stop extends WorkloadActionCommand {
        WorkloadOperation call(WorkloadsApi w, String key) throws ApiException {
            return w.stopWorkload(id, key);
        }

        WorkloadStatus target() {
            return WorkloadStatus.STOPPED;
        }
    }

    @Command(name = "restart", description = "Restart a workload.")
    static final class Restart extends WorkloadActionCommand {
        WorkloadOperation call(WorkloadsApi w, String key) throws ApiException {
            return w.restartWorkload(id, key);
        }

        WorkloadStatus target() {
            return WorkloadStatus.RUNNING;
        }
    }
}
