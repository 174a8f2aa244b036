package dev.berth.provider.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The emulated SSM Parameter Store, read side: GetParameter (as AWS publishes the current AMIs). */
final class SsmActions {

    private final Account account;
    final Map<String, String> parameters = new ConcurrentHashMap<>();

    SsmActions(Account account) {
        this.account = account;
    }

    ObjectNode getParameter(JsonNode request) {
        String name = request.path("Name").asText("");
        String value = parameters.get(name);
        if (value == null) {
            throw AwsError.badRequest("ParameterNotFound", null);
        }
        ObjectNode response = EcsState.JSON.createObjectNode();
        response.putObject("Parameter").put("Name", name).put("Type", "String").put("Value", value).put("Version", 1)
                .put("DataType", value.startsWith("ami-") ? "aws:ec2:image" : "text")
                .put("LastModifiedDate", EcsState.epoch(Account.now()))
                .put("ARN", "arn:aws:ssm:" + account.region + "::parameter" + (name.startsWith("/") ? "" : "/") + name);
        return response;
    }
}
