package dev.berth.cli.admin;

import java.nio.file.Path;
import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.InputFiles;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.AdminPoliciesApi;
import dev.berth.sdk.model.Policy;
import dev.berth.sdk.model.PolicyInput;
import dev.berth.sdk.model.PolicyList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth admin policies list|get|create|delete}. */
@Command(name = "policies", description = "Governance policies (CEL).",
        subcommands = {PoliciesCommand.ListPolicies.class, PoliciesCommand.GetPolicy.class,
                PoliciesCommand.CreatePolicy.class, PoliciesCommand.DeletePolicy.class})
public final class PoliciesCommand {

    static final List<Column<Policy>> COLUMNS = List.of(Column.of("id", Policy::getId), Column.of("name", Policy::getName),
            Column.of("tenant", Policy::getTenant), Column.of("stage", Policy::getStage), Column.of("effect", Policy::getEffect),
            Column.of("mode", Policy::getMode), Column.of("version", Policy::getVersion), Column.of("enabled", Policy::getEnabled));

    @Command(name = "list", description = "List policies.")
    static final class ListPolicies extends BerthCommand {
        @Override
        protected ExitCode run() throws ApiException {
            PolicyList list = new AdminPoliciesApi(api()).listPolicies();
            printer().list(list, COLUMNS, list.getItems());
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "Show a policy (-o yaml for its expression).")
    static final class GetPolicy extends BerthCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminPoliciesApi(api()).getPolicy(id), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Create a policy from a YAML/JSON file (the API's PolicyInput).")
    static final class CreatePolicy extends BerthCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Override
        protected ExitCode run() throws ApiException {
            printer().one(new AdminPoliciesApi(api()).createPolicy(InputFiles.read(file, PolicyInput.class)), COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a policy.")
    static final class DeletePolicy extends BerthCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        protected ExitCode run() throws ApiException {
            new AdminPoliciesApi(api()).deletePolicy(id);
            return ExitCode.OK;
        }
    }
}
