package dev.berth.provider.aws.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The emulated STS: AssumeRole of a role the test allowed, with its external id if it wants one. */
final class StsActions {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final Account account;
    private final Credentials credentials;

    StsActions(Account account, Credentials credentials) {
        this.account = account;
        this.credentials = credentials;
    }

    String assumeRole(QueryRequest q, Credentials.Key caller) {
        String roleArn = q.required("RoleArn");
        String session = q.required("RoleSessionName");
        if (!session.matches("[\\w+=,.@-]{2,64}")) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value '" + session
                    + "' at 'roleSessionName' failed to satisfy constraint");
        }
        Optional<Optional<String>> role = credentials.role(roleArn);
        Optional<String> externalId = q.get("ExternalId");
        if (role.isEmpty() || !role.get().equals(externalId)) {
            throw new AwsError(403, "AccessDenied", "User: arn:aws:iam::" + account.accountId + ":user/berth is not "
                    + "authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Credentials.Key key = new Credentials.Key("ASIA" + account.hex(8).toUpperCase(), account.hex(20),
                Optional.of(account.hex(32)), Optional.of(roleArn), expires);
        credentials.add(key);
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return new Xml("AssumeRoleResponse", NAMESPACE)
                .open("AssumeRoleResult")
                .open("Credentials").el("AccessKeyId", key.accessKeyId()).el("SecretAccessKey", key.secretAccessKey())
                .el("SessionToken", key.sessionToken().orElseThrow()).el("Expiration", expires).close()
                .open("AssumedRoleUser").el("Arn", "arn:aws:sts::" + account.accountId + ":assumed-role/" + roleName
                        + "/" + session).el("AssumedRoleId", "AROA" + account.hex(8).toUpperCase() + ":" + session).close()
                .close()
                .open("ResponseMetadata").el("RequestId", java.util.UUID.randomUUID()).close()
                .finish();
    }
}
