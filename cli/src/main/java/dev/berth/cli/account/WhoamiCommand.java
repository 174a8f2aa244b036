package dev.berth.cli.account;

import java.util.List;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import dev.berth.cli.output.Column;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.IdentityApi;
import dev.berth.sdk.model.Me;
import picocli.CommandLine.Command;

/** {@code berth whoami}: who the server thinks the caller is (GET /v1/me). */
@Command(name = "whoami", description = "Show the caller: user, tenant, roles.")
public final class WhoamiCommand extends BerthCommand {

    @Override
    protected ExitCode run() throws ApiException {
        Me me = new IdentityApi(api()).getMe();
        printer().one(me, List.of(Column.of("username", Me::getUsername), Column.of("tenant", Me::getTenant),
                Column.of("roles", Me::getRoles), Column.of("client", Me::getClientId)));
        return ExitCode.OK;
    }
}
