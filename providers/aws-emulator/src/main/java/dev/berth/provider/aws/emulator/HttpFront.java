package dev.berth.provider.aws.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one HTTP endpoint every emulated service answers on, as AWS's SDK reaches it with an
 * endpoint override: checks the SigV4 header (present, well-formed, a known access key, the
 * emulator's region, a session token for temporary keys), tells the service from the
 * credential scope ({@code ec2}, {@code sts}: form-encoded Query; {@code ecs}, {@code ssm}:
 * JSON 1.1 with {@code X-Amz-Target}), applies the faults, runs the action under the
 * account's lock, and writes the answer — or the error — in that service's own format.
 */
final class HttpFront implements HttpHandler {

    private static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
    private static final String SSM_TARGET = "AmazonSSM.";

    private final Account account;
    private final Credentials credentials;
    private final Ec2Instances ec2Instances;
    private final Ec2Images ec2Images;
    private final EcsDefinitionActions ecsDefinitions;
    private final EcsTaskActions ecsTasks;
    private final StsActions sts;
    private final SsmActions ssm;
    final List<Views.Request> requests = new CopyOnWriteArrayList<>();

    HttpFront(Account account, Credentials credentials, Ec2Instances ec2Instances, Ec2Images ec2Images,
              EcsDefinitionActions ecsDefinitions, EcsTaskActions ecsTasks, StsActions sts, SsmActions ssm) {
        this.account = account;
        this.credentials = credentials;
        this.ec2Instances = ec2Instances;
        this.ec2Images = ec2Images;
        this.ecsDefinitions = ecsDefinitions;
        this.ecsTasks = ecsTasks;
        this.sts = sts;
        this.ssm = ssm;
    }

    /** The answer to one request: status, content type, body. */
    private record Answer(int status, String contentType, String body) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String service = target == null ? "ec2" : target.startsWith(SSM_TARGET) ? "ssm" : "ecs";
        String action = "";
        Answer answer;
        try {
            Optional<SigV4Header> signature = SigV4Header.parse(exchange.getRequestHeaders().getFirst("Authorization"));
            if (signature.isEmpty() || exchange.getRequestHeaders().getFirst("X-Amz-Date") == null
                    || !signature.get().signs("x-amz-date") || !signature.get().signs("host")) {
                throw unauthenticated(service, "MissingAuthenticationToken", "Request is missing a well-formed "
                        + "SigV4 Authorization header (with host and x-amz-date signed) or the X-Amz-Date header");
            }
            SigV4Header sig = signature.get();
            service = sig.service();
            QueryRequest query = target == null ? QueryRequest.parse(body) : null;
            action = target == null ? query.get("Action").orElse("") : target.substring(target.indexOf('.') + 1);
            Credentials.Key caller = authenticate(exchange, sig, service);
            requests.add(new Views.Request(service, action, sig.accessKeyId(),
                    query == null ? Map.of() : query.params(), body, Account.now()));
            if (account.faults.throttleThisCall()) {
                throw throttled(service);
            }
            if (account.faults.denied()) {
                throw denied(service, action);
            }
            Optional<Integer> empty = account.faults.takeEmptyError(action);
            if (empty.isPresent()) {
                send(exchange, new Answer(empty.get(), "text/plain", ""));
                return;
            }
            String result;
            synchronized (account.lock) {
                account.timeline.settle();
                result = dispatch(service, action, query, body, caller);
            }
            answer = new Answer(200, query == null ? "application/x-amz-json-1.1" : "text/xml", result);
        } catch (AwsError e) {
            answer = error(service, e);
        } catch (RuntimeException e) {
            answer = error(service, new AwsError(500, service.equals("ec2") ? "InternalError" : "ServerException",
                    "emulator failure: " + e));
        }
        if (account.faults.takeDrop(action)) {
            exchange.close(); // the work is done, the client never hears of it
            return;
        }
        Optional<Duration> delay = account.faults.takeDelay(action);
        if (delay.isPresent()) {
            try {
                Thread.sleep(delay.get().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        send(exchange, answer);
    }

    private String dispatch(String service, String action, QueryRequest q, String body, Credentials.Key caller) {
        return switch (service) {
            case "ec2" -> switch (action) {
                case "RunInstances" -> ec2Instances.run(q);
                case "DescribeInstances" -> ec2Instances.describe(q);
                case "StartInstances" -> ec2Instances.start(q);
                case "StopInstances" -> ec2Instances.stop(q);
                case "RebootInstances" -> ec2Instances.reboot(q);
                case "TerminateInstances" -> ec2Instances.terminate(q);
                case "DescribeVolumes" -> ec2Instances.describeVolumes(q);
                case "DescribeAvailabilityZones" -> ec2Instances.describeZones();
                case "DescribeImages" -> ec2Images.describe(q);
                case "CreateImage" -> ec2Images.create(q);
                case "DeregisterImage" -> ec2Images.deregister(q);
                case "CreateReplaceRootVolumeTask" -> ec2Images.replaceRoot(q);
                case "DescribeReplaceRootVolumeTasks" -> ec2Images.describeReplaceRoot(q);
                default -> throw AwsError.badRequest("InvalidAction", "The action " + action
                        + " is not valid for this web service.");
            };
            case "sts" -> switch (action) {
                case "AssumeRole" -> sts.assumeRole(q, caller);
                default -> throw AwsError.badRequest("InvalidAction", "Could not find operation " + action);
            };
            case "ecs", "ssm" -> json(service, action, body);
            default -> throw AwsError.badRequest("InvalidAction", "The emulator does not speak " + service);
        };
    }

    private String json(String service, String action, String body) {
        JsonNode request;
        try {
            request = EcsState.JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw AwsError.badRequest("SerializationException", "malformed JSON: " + e.getOriginalMessage());
        }
        JsonNode response = switch (service + "." + action) {
            case "ecs.RegisterTaskDefinition" -> ecsDefinitions.register(request);
            case "ecs.DescribeTaskDefinition" -> ecsDefinitions.describe(request);
            case "ecs.DeregisterTaskDefinition" -> ecsDefinitions.deregister(request);
            case "ecs.DeleteTaskDefinitions" -> ecsDefinitions.delete(request);
            case "ecs.ListTaskDefinitionFamilies" -> ecsDefinitions.listFamilies(request);
            case "ecs.ListTaskDefinitions" -> ecsDefinitions.list(request);
            case "ecs.RunTask" -> ecsTasks.run(request);
            case "ecs.StopTask" -> ecsTasks.stop(request);
            case "ecs.ListTasks" -> ecsTasks.list(request);
            case "ecs.DescribeTasks" -> ecsTasks.describe(request);
            case "ecs.DescribeClusters" -> ecsTasks.describeClusters(request);
            case "ecs.ListClusters" -> ecsTasks.listClusters();
            case "ssm.GetParameter" -> ssm.getParameter(request);
            default -> throw AwsError.badRequest("UnknownOperationException", null);
        };
        return response.toString();
    }

    private Credentials.Key authenticate(HttpExchange exchange, SigV4Header sig, String service) {
        if (!account.answersFor(sig.region())) {
            throw unauthenticated(service, "SignatureDoesNotMatch", "Credential should be scoped to a valid region, not '"
                    + sig.region() + "'. This endpoint is " + account.region);
        }
        Optional<Credentials.Key> key = credentials.find(sig.accessKeyId());
        String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
        if (key.isEmpty() || !key.get().sessionToken().equals(Optional.ofNullable(token))) {
            throw switch (service) {
                case "ec2" -> new AwsError(401, "AuthFailure", "AWS was not able to validate the provided access "
                        + "credentials");
                case "sts" -> new AwsError(403, "InvalidClientTokenId", "The security token included in the request "
                        + "is invalid.");
                default -> new AwsError(400, "UnrecognizedClientException", "The security token included in the "
                        + "request is invalid.");
            };
        }
        return key.get();
    }

    private static AwsError unauthenticated(String service, String code, String message) {
        return service.equals("ec2") || service.equals("sts") ? new AwsError(403, code, message)
                : new AwsError(400, code.equals("MissingAuthenticationToken") ? "MissingAuthenticationTokenException"
                : "InvalidSignatureException", message);
    }

    private static AwsError throttled(String service) {
        return switch (service) {
            case "ec2" -> new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
            case "sts" -> new AwsError(400, "Throttling", "Rate exceeded");
            default -> new AwsError(400, "ThrottlingException", "Rate exceeded");
        };
    }

    private AwsError denied(String service, String action) {
        String message = "User: arn:aws:iam::" + account.accountId + ":user/berth is not authorized to perform: "
                + service + ":" + action;
        return switch (service) {
            case "ec2" -> new AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation. "
                    + message);
            case "sts" -> new AwsError(403, "AccessDenied", message);
            default -> new AwsError(400, "AccessDeniedException", message);
        };
    }

    private static Answer error(String service, AwsError e) {
        String requestId = UUID.randomUUID().toString();
        String message = e.getMessage();
        return switch (service) {
            case "ec2" -> new Answer(e.status, "text/xml", new Xml("Response", null).open("Errors").open("Error")
                    .el("Code", e.code).el("Message", message).close().close().el("RequestID", requestId).finish());
            case "sts" -> new Answer(e.status, "text/xml", new Xml("ErrorResponse", StsActions.NAMESPACE).open("Error")
                    .el("Type", e.status >= 500 ? "Receiver" : "Sender").el("Code", e.code).el("Message", message)
                    .close().el("RequestId", requestId).finish());
            default -> {
                var node = EcsState.JSON.createObjectNode().put("__type", e.code);
                if (message != null) {
                    node.put("message", message);
                }
                yield new Answer(e.status, "application/x-amz-json-1.1", node.toString());
            }
        };
    }

    private static void send(HttpExchange exchange, Answer answer) {
        try {
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The client gave up (a timeout it was made to have): nothing to answer to.
        } finally {
            exchange.close();
        }
    }
}
