package dev.berth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.berth.cli.account.LoginCommand;
import dev.berth.cli.account.LogoutCommand;
import dev.berth.cli.account.QuotaCommand;
import dev.berth.cli.account.SimulateCommand;
import dev.berth.cli.account.UsageCommand;
import dev.berth.cli.account.WhoamiCommand;
import dev.berth.cli.admin.AdminCommand;
import dev.berth.cli.auth.ConfigDirectory;
import dev.berth.cli.auth.CredentialStore;
import dev.berth.cli.auth.Session;
import dev.berth.cli.output.OutputFormat;
import dev.berth.cli.output.Printer;
import dev.berth.cli.workloads.WorkloadsCommand;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.support.BerthClients;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code berth} command: global options, the subcommand tree, and the one place where
 * failures become messages and exit codes ({@link ExitCode}).
 */
@Command(name = "berth", mixinStandardHelpOptions = true, version = "berth 0.1.0",
        description = "Command line for the Berth resource broker.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, WorkloadsCommand.class,
                QuotaCommand.class, UsageCommand.class, SimulateCommand.class, AdminCommand.class,
                AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure", "2:bad command line or input file", "3:not logged in / 401",
                "4:forbidden (403)", "5:not found (404)", "6:conflict (409)",
                "7:refused: quota.exceeded, placement.no_fit, policy.denied, tenant.suspended",
                "8:invalid request (400/413/415/422)", "9:rate limited (429)", "10:--wait ended FAILED",
                "11:--wait timed out", "12:server or identity provider unavailable"})
public final class BerthCli {

    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    public static final String DEFAULT_ISSUER = "http://127.0.0.1:8180/realms/berth";

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Config directory (default: $XDG_CONFIG_HOME/berth or ~/.config/berth).")
    Path configOverride;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Broker URL (default: the one saved at login, else $BERTH_URL, else " + DEFAULT_SERVER + ").")
    String serverOverride;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: table).")
    OutputFormat output = OutputFormat.table;

    private final Map<String, String> env;
    private final String userHome;
    private final Clock clock;

    public BerthCli(Map<String, String> env, String userHome, Clock clock) {
        this.env = env;
        this.userHome = userHome;
        this.clock = clock;
    }

    private boolean interactive;

    public static void main(String[] args) {
        BerthCli cli = new BerthCli(System.getenv(), System.getProperty("user.home"), Clock.systemUTC());
        // progress rewritten in place only on a terminal; pipes and CI logs get one line per event
        cli.interactive = System.console() != null && System.getenv("CI") == null;
        System.exit(commandLine(cli).execute(args));
    }

    public boolean interactive() {
        return interactive;
    }

    /** The configured picocli command line; tests call {@code execute} on it with their own out/err writers. */
    public static CommandLine commandLine(BerthCli cli) {
        CommandLine cl = new CommandLine(cli);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()).code());
        cl.setExitCodeExceptionMapper(e -> ExitCode.USAGE.code());
        return cl;
    }

    static ExitCode failure(Exception e, PrintWriter err) {
        if (e instanceof ApiException api) {
            return ProblemReport.print(api, err);
        }
        if (e instanceof CliException cli) {
            err.println("error: " + cli.getMessage());
            err.flush();
            return cli.exitCode();
        }
        err.println("error: " + e);
        err.flush();
        return ExitCode.ERROR;
    }

    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public Path configDirectory() {
        return ConfigDirectory.resolve(configOverride, env, userHome);
    }

    public CredentialStore credentialStore() {
        return new CredentialStore(configDirectory());
    }

    /** The broker URL for login: --server, else $BERTH_URL, else the local stack. */
    public String serverForLogin() {
        return Optional.ofNullable(serverOverride).or(() -> Optional.ofNullable(env.get("BERTH_URL")))
                .orElse(DEFAULT_SERVER);
    }

    /** A client for the logged-in session: every request carries a fresh (refreshed when due) token. */
    public ApiClient api() {
        Session session = Session.open(credentialStore(), clock);
        String server = Optional.ofNullable(serverOverride).orElse(session.credentials().server());
        return BerthClients.withBearerToken(server, session);
    }

    public Printer printer(PrintWriter out) {
        return new Printer(output, out);
    }
}
