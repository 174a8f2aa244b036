package dev.berth.cli.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.berth.cli.BerthCli;
import dev.berth.cli.BerthCommand;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.cli.auth.Credentials;
import dev.berth.cli.auth.DeviceLogin;
import dev.berth.cli.auth.OidcClient;
import dev.berth.cli.auth.TokenSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth login}: the device authorization grant by default (approve in any browser), or the
 * password grant for scripts ({@code --username} with {@code --password-stdin} or
 * {@code $BERTH_PASSWORD}). Saves the tokens with mode 600.
 */
@Command(name = "login", description = "Log in and cache the tokens (device login, or password grant for scripts).")
public final class LoginCommand extends BerthCommand {

    @Option(names = "--issuer", paramLabel = "URL",
            description = "OpenID issuer (default: $BERTH_OIDC_URL, else " + BerthCli.DEFAULT_ISSUER + ").")
    String issuer;

    @Option(names = "--client-id", defaultValue = "berth-cli", description = "Public OAuth client (default: ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = {"-u", "--username"}, description = "Password grant as this user (else the device login).")
    String username;

    @Option(names = "--password", description = "The password (visible to other local users in the process list: "
            + "prefer $BERTH_PASSWORD or --password-stdin).")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Override
    protected ExitCode run() {
        String iss = Optional.ofNullable(issuer).or(() -> Optional.ofNullable(cli().env().get("BERTH_OIDC_URL")))
                .orElse(BerthCli.DEFAULT_ISSUER);
        OidcClient oidc = new OidcClient(iss, clientId, cli().clock());
        TokenSet tokens;
        if (username != null) {
            tokens = oidc.password(username, password());
        } else {
            tokens = new DeviceLogin(oidc, cli().clock(), d -> Thread.sleep(d.toMillis())).run(err());
        }
        Credentials credentials = new Credentials(cli().serverForLogin(), oidc.issuer(), clientId, username, null, null,
                null, null).withTokens(tokens);
        cli().credentialStore().save(credentials);
        err().println("Logged in" + (username == null ? "" : " as " + username) + "; tokens saved to "
                + cli().credentialStore().file());
        err().flush();
        return ExitCode.OK;
    }

    private String password() {
        if (password != null) {
            return password;
        }
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line != null) {
                    return line;
                }
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read the password from stdin", e);
            }
        }
        String fromEnv = cli().env().get("BERTH_PASSWORD");
        if (fromEnv != null) {
            return fromEnv;
        }
        throw new CliException(ExitCode.USAGE, "--username needs --password, --password-stdin or $BERTH_PASSWORD");
    }

}
