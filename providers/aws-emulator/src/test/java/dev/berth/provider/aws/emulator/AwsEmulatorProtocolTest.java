package dev.berth.provider.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator at the wire, without the SDK: what it lets in (a well-formed SigV4 header with
 * a known key, the right region, a session token for temporary keys), how it answers in each
 * protocol, and the EC2 semantics the driver relies on (client tokens, filters, throttling).
 */
class AwsEmulatorProtocolTest {

    private static final String SIGNATURE = "0".repeat(64);
    private final HttpClient http = HttpClient.newHttpClient();
    private AwsEmulator aws;

    @BeforeEach
    void start() {
        aws = AwsEmulator.start("eu-west-1").stepDuration(Duration.ofMillis(20))
                .registerImage("ami-0123456789abcdef0", "debian-12", "x86_64", 8);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(aws.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(aws.endpoint().getPort()).isPositive();
    }

    @Test
    void anUnsignedOrMalformedRequestIsRejectedAndNotCarriedOut() throws Exception {
        HttpResponse<String> unsigned = post("Action=RunInstances&ImageId=ami-0123456789abcdef0&InstanceType=t3.micro"
                + "&MinCount=1&MaxCount=1", null, null, null);
        HttpResponse<String> malformed = post("Action=DescribeAvailabilityZones", "AWS4-HMAC-SHA256 Credential=oops",
                null, null);

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Response><Errors><Error><Code>MissingAuthenticationToken</Code>");
        assertThat(malformed.statusCode()).isEqualTo(403);
        assertThat(aws.instances()).isEmpty();
        assertThat(aws.requests()).isEmpty();
    }

    @Test
    void aSignedRequestWithTheAccountKeyIsAnsweredInTheEc2Namespace() throws Exception {
        HttpResponse<String> zones = ec2("Action=DescribeAvailabilityZones&Version=2016-11-15");

        assertThat(zones.statusCode()).isEqualTo(200);
        assertThat(zones.body()).contains("<DescribeAvailabilityZonesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
                .contains("<zoneName>eu-west-1a</zoneName>").contains("<zoneName>eu-west-1c</zoneName>");
        assertThat(aws.requests()).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("ec2");
            assertThat(r.action()).isEqualTo("DescribeAvailabilityZones");
            assertThat(r.accessKeyId()).isEqualTo(AwsEmulator.ACCESS_KEY_ID);
        });
    }

    @Test
    void anUnknownKeyOrAnotherRegionIsRefused() throws Exception {
        HttpResponse<String> unknown = post("Action=DescribeAvailabilityZones", authorization("AKIAUNKNOWNKEY000001",
                "eu-west-1", "ec2"), null, null);
        HttpResponse<String> otherRegion = post("Action=DescribeAvailabilityZones",
                authorization(AwsEmulator.ACCESS_KEY_ID, "us-east-1", "ec2"), null, null);

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("<Code>AuthFailure</Code>");
        assertThat(otherRegion.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("eu-west-1");
    }

    @Test
    void anotherRegionIsAnsweredOnlyOnceAddedAndFromTheSameState() throws Exception {
        aws.alsoAnswerFor("us-east-1");
        HttpResponse<String> added = post("Action=DescribeAvailabilityZones",
                authorization(AwsEmulator.ACCESS_KEY_ID, "us-east-1", "ec2"), null, null);
        HttpResponse<String> notAdded = post("Action=DescribeAvailabilityZones",
                authorization(AwsEmulator.ACCESS_KEY_ID, "ap-south-1", "ec2"), null, null);

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).as("one account, its own zones").contains("<zoneName>eu-west-1a</zoneName>");
        assertThat(notAdded.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void ecsAnswersInJsonIncludingItsErrors() throws Exception {
        HttpResponse<String> unsigned = json("ListClusters", "{}", null);
        HttpResponse<String> clusters = json("ListClusters", "{}", authorization(AwsEmulator.ACCESS_KEY_ID, "eu-west-1",
                "ecs"));
        HttpResponse<String> badSize = json("RegisterTaskDefinition", """
                {"family": "x", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
                 "memory": "4096", "containerDefinitions": [{"name": "c", "image": "busybox"}]}""",
                authorization(AwsEmulator.ACCESS_KEY_ID, "eu-west-1", "ecs"));

        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
        assertThat(clusters.body()).contains("arn:aws:ecs:eu-west-1:123456789012:cluster/default");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(badSize.body()).contains("\"__type\":\"ClientException\"")
                .contains("No Fargate configuration exists for given values: 256 CPU, 4096 memory");
    }

    @Test
    void temporaryKeysFromStsNeedTheirSessionToken() throws Exception {
        aws.allowRole("arn:aws:iam::123456789012:role/Broker", Optional.empty());
        HttpResponse<String> assumed = post("Action=AssumeRole&Version=2011-06-15&RoleArn="
                + "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FBroker&RoleSessionName=test",
                authorization(AwsEmulator.ACCESS_KEY_ID, "eu-west-1", "sts"), null, null);
        String key = find(assumed.body(), "<AccessKeyId>(ASIA[A-Z0-9]+)</AccessKeyId>");
        String token = find(assumed.body(), "<SessionToken>([0-9a-f]+)</SessionToken>");

        HttpResponse<String> withoutToken = post("Action=DescribeAvailabilityZones", authorization(key, "eu-west-1", "ec2"),
                null, null);
        HttpResponse<String> withToken = post("Action=DescribeAvailabilityZones", authorization(key, "eu-west-1", "ec2"),
                null, token);
        HttpResponse<String> otherRole = post("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FAdmin"
                + "&RoleSessionName=test", authorization(AwsEmulator.ACCESS_KEY_ID, "eu-west-1", "sts"), null, null);

        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(otherRole.statusCode()).isEqualTo(403);
        assertThat(otherRole.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Code>AccessDenied</Code>");
    }

    @Test
    void aClientTokenReplaysItsReservationAndRefusesOtherParameters() throws Exception {
        String run = "Action=RunInstances&ImageId=ami-0123456789abcdef0&MinCount=1&MaxCount=1&ClientToken=tok-1"
                + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=berth%3Aworkload"
                + "&TagSpecification.1.Tag.1.Value=w1&InstanceType=";
        String first = find(ec2(run + "t3.micro").body(), "<instanceId>(i-[0-9a-f]+)</instanceId>");
        String again = find(ec2(run + "t3.micro").body(), "<instanceId>(i-[0-9a-f]+)</instanceId>");
        HttpResponse<String> mismatch = ec2(run + "t3.small");

        assertThat(again).isEqualTo(first);
        assertThat(aws.instances()).hasSize(1);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("<Code>IdempotentParameterMismatch</Code>");
    }

    @Test
    void instancesBootAndAreFoundByTagFilters() throws Exception {
        ec2("Action=RunInstances&ImageId=ami-0123456789abcdef0&InstanceType=t3.micro&MinCount=1&MaxCount=1"
                + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=team"
                + "&TagSpecification.1.Tag.1.Value=blue");
        String byTag = "Action=DescribeInstances&Filter.1.Name=tag%3Ateam&Filter.1.Value.1=blu*"
                + "&Filter.2.Name=instance-state-name&Filter.2.Value.1=running";

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> ec2(byTag).body().contains("<name>running</name>"));
        assertThat(ec2("Action=DescribeInstances&Filter.1.Name=tag%3Ateam&Filter.1.Value.1=red").body())
                .doesNotContain("<instanceId>");
        assertThat(ec2("Action=DescribeInstances&Filter.1.Name=no-such-filter&Filter.1.Value.1=x").body())
                .contains("<Code>InvalidParameterValue</Code>").contains("no-such-filter");
    }

    @Test
    void faultsLookLikeAwsFailures() throws Exception {
        aws.faults().throttleNext(1).insufficientCapacity("t3.micro");

        HttpResponse<String> throttled = ec2("Action=DescribeAvailabilityZones");
        HttpResponse<String> noCapacity = ec2("Action=RunInstances&ImageId=ami-0123456789abcdef0&InstanceType=t3.micro"
                + "&MinCount=1&MaxCount=1");

        assertThat(throttled.statusCode()).isEqualTo(503);
        assertThat(throttled.body()).contains("<Code>RequestLimitExceeded</Code>");
        assertThat(noCapacity.statusCode()).isEqualTo(500);
        assertThat(noCapacity.body()).contains("<Code>InsufficientInstanceCapacity</Code>").contains("t3.micro");
        assertThat(ec2("Action=DescribeAvailabilityZones").statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- raw HTTP

    private HttpResponse<String> ec2(String form) throws IOException, InterruptedException {
        return post(form, authorization(AwsEmulator.ACCESS_KEY_ID, "eu-west-1", "ec2"), null, null);
    }

    private HttpResponse<String> post(String form, String authorization, String target, String sessionToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(aws.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Amz-Date", LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (sessionToken != null) {
            request.header("X-Amz-Security-Token", sessionToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String action, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + action)
                .header("X-Amz-Date", LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Well-formed, not cryptographically valid: the emulator checks form, key, region and scope only. */
    private static String authorization(String key, String region, String service) {
        return "AWS4-HMAC-SHA256 Credential=" + key + "/" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE)
                + "/" + region + "/" + service + "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
                + SIGNATURE;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }
}
