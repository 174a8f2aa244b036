package dev.berth.cli.workloads;

import java.util.List;
import java.util.UUID;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.ProblemReport;
import dev.berth.cli.output.Column;
import dev.berth.cli.output.OutputFormat;
import dev.berth.cli.output.Printer;
import dev.berth.cli.watch.EventStream;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.EventsApi;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.Event;
import dev.berth.sdk.model.EventPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth workloads events [ID] [--watch]}: a workload's audit trail (without ID: the whole
 * tenant's). With {@code --watch} it follows the live stream until interrupted; each event is a
 * line (table) or one JSON object per line ({@code -o json}, for jq).
 */
@Command(name = "events", description = "Show events of a workload (or of the tenant); --watch follows them live.")
public final class WorkloadEventsCommand extends BerthCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "Workload id (default: every workload of the tenant).")
    UUID id;

    @Option(names = {"-w", "--watch"}, description = "Follow new events (Server-Sent Events) until interrupted.")
    boolean watch;

    @Option(names = "--after", description = "With --watch: start after this event id.")
    String after;

    @Option(names = "--page-size")
    Integer pageSize;

    @Option(names = "--page-token")
    String pageToken;

    static final List<Column<Event>> COLUMNS = List.of(Column.of("id", Event::getId), Column.of("time", Event::getCreatedAt),
            Column.of("type", Event::getType), Column.of("workload", Event::getWorkloadId), Column.of("message", Event::getMessage));

    @Override
    protected ExitCode run() throws ApiException {
        ApiClient api = api();
        if (!watch) {
            EventPage page = id == null ? new EventsApi(api).listEvents(null, pageSize, pageToken, null, null, null)
                    : new WorkloadsApi(api).listWorkloadEvents(id, pageSize, pageToken, null, null, null);
            printer().list(page, COLUMNS, page.getItems());
            return ExitCode.OK;
        }
        String path = id == null ? "/v1/events" : "/v1/workloads/" + id + "/events";
        try (EventStream stream = EventStream.open(api, path, after)) {
            stream.forEach(this::printLine);
            return ExitCode.OK;
        } catch (EventStream.WatchEnded ended) {
            ProblemReport.print(ended.problem(), ended.problem().getStatus() == null ? 0 : ended.problem().getStatus(), err());
            return ExitCode.forProblem(ended.problem().getStatus() == null ? 0 : ended.problem().getStatus(),
                    ended.problem().getCode());
        }
    }

    private void printLine(Event e) {
        if (printer().format() == OutputFormat.table) {
            out().println(e.getId() + "  " + e.getCreatedAt() + "  " + e.getType() + "  "
                    + (e.getWorkloadId() == null ? "-" : e.getWorkloadId()) + "  " + (e.getMessage() == null ? "" : e.getMessage()));
        } else {
            out().println(Printer.json(e));
        }
        out().flush();
    }
}
