package dev.berth.cli.admin;

import picocli.CommandLine.Command;

/** {@code berth admin ...}: platform-admin calls. */
@Command(name = "admin", description = "Platform administration (role platform-admin).",
        subcommands = {HostsCommand.class, PoliciesCommand.class, TenantsCommand.class, TenantQuotaCommand.class,
                CloudAccountsCommand.class})
public final class AdminCommand {
}
