package dev.berth.broker.cloud;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.api.model.CloudAccountCreate;
import dev.berth.api.model.CloudAccountLimits;
import dev.berth.api.model.CloudAccountSettings;
import dev.berth.api.model.CloudAccountUpdate;
import dev.berth.api.model.CloudTarget;
import dev.berth.api.model.HostPricing;

import static dev.berth.tenants.units.Decimals.plain;

/** Cloud account ↔ API model (REST, and gRPC through the same model). */
final class CloudAccountMapper {

    private CloudAccountMapper() {
    }

    static CloudAccount fromCreate(CloudAccountCreate r) {
        return new CloudAccount(r.getName(), CloudAccount.AWS, r.getRegions(),
                r.getCredentials() == null ? "default" : r.getCredentials(), Optional.ofNullable(r.getExternalId()),
                limits(r.getLimits()), Optional.ofNullable(r.getCatalogue()).map(CatalogueDocument::toJson),
                settings(r.getSettings()), r.getLabels() == null ? Map.of() : r.getLabels(), null, null);
    }

    /** The account with the update's fields replacing its own; left-out (or empty) fields stay. */
    static CloudAccount merge(CloudAccount a, CloudAccountUpdate u) {
        boolean newCredentials = u.getCredentials() != null;
        return new CloudAccount(a.name(), a.provider(), isEmpty(u.getRegions()) ? a.regions() : u.getRegions(),
                newCredentials ? u.getCredentials() : a.credentials(),
                newCredentials ? Optional.ofNullable(u.getExternalId())
                        : u.getExternalId() != null ? Optional.of(u.getExternalId()) : a.externalId(),
                u.getLimits() == null ? a.limits() : limits(u.getLimits()),
                u.getCatalogue() == null ? a.catalogue() : Optional.of(CatalogueDocument.toJson(u.getCatalogue())),
                u.getSettings() == null ? a.settings() : settings(u.getSettings()),
                u.getLabels() == null || u.getLabels().isEmpty() ? a.labels() : u.getLabels(), a.createdAt(), a.updatedAt());
    }

    /** The generated models start every list empty: absent and empty cannot be told apart. */
    private static boolean isEmpty(List<?> values) {
        return values == null || values.isEmpty();
    }

    static CloudAccount.Limits limits(CloudAccountLimits l) {
        return new CloudAccount.Limits(l.getMaxVcpu(), Optional.ofNullable(l.getMaxMemoryMiB()), l.getMaxInstances(),
                Optional.ofNullable(l.getMaxDiskGiB()));
    }

    static CloudAccount.Settings settings(CloudAccountSettings s) {
        if (s == null) {
            return CloudAccount.Settings.NONE;
        }
        return new CloudAccount.Settings(orEmpty(s.getSubnetIds()), orEmpty(s.getSecurityGroupIds()),
                Optional.ofNullable(s.getCluster()),
                s.getKinds() == null ? List.of() : s.getKinds().stream().map(Object::toString).toList(),
                Optional.ofNullable(s.getAssignPublicIp()), Optional.ofNullable(s.getEndpointOverride()),
                Optional.ofNullable(s.getPollIntervalMillis()), Optional.ofNullable(s.getWaitTimeoutSeconds()),
                Optional.ofNullable(s.getExecutionRoleArn()), Optional.ofNullable(s.getInstanceProfile()),
                Optional.ofNullable(s.getKeyName()));
    }

    static dev.berth.api.model.CloudAccount toApi(CloudAccountService.View view) {
        CloudAccount a = view.account();
        dev.berth.api.model.CloudAccount out = new dev.berth.api.model.CloudAccount().name(a.name())
                .provider(dev.berth.api.model.CloudAccount.ProviderEnum.fromValue(a.provider()))
                .regions(a.regions()).credentials(a.credentials()).externalId(a.externalId().orElse(null))
                .limits(new CloudAccountLimits().maxVcpu(a.limits().maxVcpu())
                        .maxMemoryMiB(a.limits().maxMemoryMiB().orElse(null)).maxInstances(a.limits().maxInstances())
                        .maxDiskGiB(a.limits().maxDiskGiB().orElse(null)))
                .catalogueSource(a.catalogue().isPresent() ? dev.berth.api.model.CloudAccount.CatalogueSourceEnum.CUSTOM
                        : dev.berth.api.model.CloudAccount.CatalogueSourceEnum.DEFAULT)
                .catalogue(a.catalogue().map(CatalogueDocument::toApi).orElse(null))
                .settings(settingsToApi(a.settings()))
                .labels(a.labels())
                .targets(view.targets().entrySet().stream().map(t -> new CloudTarget().region(t.getKey())
                        .hostId(t.getValue().id()).hostName(t.getValue().name())
                        .pricing(new HostPricing().vcpuHour(plain(t.getValue().pricing().vcpuHour()))
                                .memoryGiBHour(plain(t.getValue().pricing().memoryGiBHour())))).toList())
                .createdAt(a.createdAt().withOffsetSameInstant(ZoneOffset.UTC))
                .updatedAt(a.updatedAt().withOffsetSameInstant(ZoneOffset.UTC));
        return out;
    }

    private static CloudAccountSettings settingsToApi(CloudAccount.Settings s) {
        if (s.equals(CloudAccount.Settings.NONE)) {
            return null;
        }
        return new CloudAccountSettings().subnetIds(s.subnetIds().isEmpty() ? null : s.subnetIds())
                .securityGroupIds(s.securityGroupIds().isEmpty() ? null : s.securityGroupIds())
                .cluster(s.cluster().orElse(null))
                .kinds(s.kinds().isEmpty() ? null
                        : s.kinds().stream().map(CloudAccountSettings.KindsEnum::fromValue).toList())
                .assignPublicIp(s.assignPublicIp().orElse(null)).endpointOverride(s.endpointOverride().orElse(null))
                .pollIntervalMillis(s.pollIntervalMillis().orElse(null))
                .waitTimeoutSeconds(s.waitTimeoutSeconds().orElse(null))
                .executionRoleArn(s.executionRoleArn().orElse(null)).instanceProfile(s.instanceProfile().orElse(null))
                .keyName(s.keyName().orElse(null));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
