package dev.berth.cli.workloads;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.WorkloadPage;
import dev.berth.sdk.model.WorkloadStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth workloads list}: one page, newest first; the next page's token goes to stderr. */
@Command(name = "list", aliases = "ls", description = "List the tenant's workloads (newest first).")
public final class ListWorkloadsCommand extends BerthCommand {

    @Option(names = "--status", description = "Only this status (DELETED ones are listed only this way).")
    WorkloadStatus status;

    @Option(names = {"-l", "--label"}, description = "key=value")
    String label;

    @Option(names = "--page-size")
    Integer pageSize;

    @Option(names = "--page-token")
    String pageToken;

    @Override
    protected ExitCode run() throws ApiException {
        WorkloadPage page = new WorkloadsApi(api()).listWorkloads(status, label, pageSize, pageToken);
        printer().list(page, WorkloadColumns.ALL, page.getItems());
        if (page.getNextPageToken() != null && printer().format() == dev.berth.cli.output.OutputFormat.table) {
            err().println("more: --page-token " + page.getNextPageToken());
            err().flush();
        }
        return ExitCode.OK;
    }
}
