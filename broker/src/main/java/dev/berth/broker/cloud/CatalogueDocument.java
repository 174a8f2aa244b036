package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.model.CloudCatalogue;
import dev.berth.api.model.CloudInstanceType;
import dev.berth.api.model.CloudRegionPrices;
import dev.berth.api.model.FargatePrices;
import dev.berth.broker.db.Json;

/**
 * An account's price catalogue between the API's shape and the AWS driver's document format
 * (deploy/aws/catalogue.json), which is what is stored and handed to the driver as its option
 * {@code priceCatalogue}: one format, so the driver, the broker's pricing and the stored
 * account can never disagree about what a field means.
 */
final class CatalogueDocument {

    private CatalogueDocument() {
    }

    static String toJson(CloudCatalogue catalogue) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("currency", "USD");
        ObjectNode regions = root.putObject("regions");
        catalogue.getRegions().forEach((name, prices) -> {
            ObjectNode region = regions.putObject(name);
            ArrayNode types = region.putArray("instanceTypes");
            for (CloudInstanceType t : prices.getInstanceTypes()) {
                ObjectNode type = types.addObject();
                type.put("name", t.getName());
                type.put("vcpu", t.getVcpu());
                type.put("memoryMiB", t.getMemoryMiB());
                type.put("hourlyUsd", t.getHourlyUsd());
                type.put("architecture", t.getArchitecture() == null ? "x86_64" : t.getArchitecture().toString());
            }
            if (prices.getFargate() != null) {
                region.putObject("fargate").put("vcpuHourUsd", prices.getFargate().getVcpuHourUsd())
                        .put("gibHourUsd", prices.getFargate().getGibHourUsd());
            }
            if (prices.getAmis() != null && !prices.getAmis().isEmpty()) {
                ObjectNode amis = region.putObject("amis");
                prices.getAmis().forEach(amis::put);
            }
        });
        if (catalogue.getAmis() != null && !catalogue.getAmis().isEmpty()) {
            ObjectNode amis = root.putObject("amis");
            catalogue.getAmis().forEach(amis::put);
        }
        return Json.write(root);
    }

    static CloudCatalogue toApi(String json) {
        JsonNode root = Json.read(json, JsonNode.class);
        Map<String, CloudRegionPrices> regions = new LinkedHashMap<>();
        root.path("regions").fields().forEachRemaining(region -> {
            JsonNode r = region.getValue();
            List<CloudInstanceType> types = new java.util.ArrayList<>();
            r.path("instanceTypes").forEach(t -> types.add(new CloudInstanceType().name(t.path("name").asText())
                    .vcpu(t.path("vcpu").asInt()).memoryMiB(t.path("memoryMiB").asLong())
                    .hourlyUsd(t.path("hourlyUsd").decimalValue())
                    .architecture(CloudInstanceType.ArchitectureEnum.fromValue(t.path("architecture").asText("x86_64")))));
            CloudRegionPrices prices = new CloudRegionPrices().instanceTypes(types);
            if (r.has("fargate")) {
                prices.fargate(new FargatePrices().vcpuHourUsd(decimal(r.path("fargate").path("vcpuHourUsd")))
                        .gibHourUsd(decimal(r.path("fargate").path("gibHourUsd"))));
            }
            if (r.has("amis")) {
                prices.amis(strings(r.path("amis")));
            }
            regions.put(region.getKey(), prices);
        });
        CloudCatalogue catalogue = new CloudCatalogue().regions(regions);
        if (root.has("amis")) {
            catalogue.amis(strings(root.path("amis")));
        }
        return catalogue;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.decimalValue();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
