package dev.berth.cli.account;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.ExitCode;
import picocli.CommandLine.Command;

/** {@code berth logout}: forgets the cached tokens. */
@Command(name = "logout", description = "Delete the cached tokens.")
public final class LogoutCommand extends BerthCommand {

    @Override
    protected ExitCode run() {
        boolean deleted = cli().credentialStore().delete();
        err().println(deleted ? "Logged out" : "Not logged in");
        err().flush();
        return ExitCode.OK;
    }
}
