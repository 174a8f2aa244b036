package dev.berth.broker.cloud;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Timestamp;
import dev.berth.api.model.CloudAccountCreate;
import dev.berth.api.model.CloudAccountLimits;
import dev.berth.api.model.CloudAccountSettings;
import dev.berth.api.model.CloudAccountUpdate;
import dev.berth.api.model.CloudCatalogue;
import dev.berth.api.model.CloudInstanceType;
import dev.berth.api.model.CloudRegionPrices;
import dev.berth.api.model.FargatePrices;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ModelValidation;
import dev.berth.grpc.v1.CloudAccountRequest;
import dev.berth.grpc.v1.CloudAccounts;
import dev.berth.grpc.v1.CloudTarget;
import dev.berth.grpc.v1.CreateCloudAccountRequest;
import dev.berth.grpc.v1.DeleteCloudAccountResponse;
import dev.berth.grpc.v1.ListCloudAccountsRequest;
import dev.berth.grpc.v1.ListCloudAccountsResponse;
import dev.berth.grpc.v1.UpdateCloudAccountRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/**
 * gRPC adapter for cloud accounts: each request is turned into the REST model and checked
 * with its constraints, then handed to the same {@link CloudAccountService}, so both
 * protocols accept and refuse exactly the same input with the same codes.
 */
@GrpcService
@Blocking
@RolesAllowed(PLATFORM_ADMIN)
public class CloudAccountsGrpcService implements CloudAccounts {

    private static final String NAME = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

    private final CloudAccountService accounts;
    private final Validator validator;

    CloudAccountsGrpcService(CloudAccountService accounts, Validator validator) {
        this.accounts = accounts;
        this.validator = validator;
    }

    @Override
    public Uni<dev.berth.grpc.v1.CloudAccount> createCloudAccount(CreateCloudAccountRequest r) {
        if (!r.getProvider().isEmpty() && !r.getProvider().equals(CloudAccount.AWS)) {
            throw new InvalidRequest("provider", "must be aws");
        }
        CloudAccountCreate create = new CloudAccountCreate().name(r.getName()).regions(r.getRegionsList())
                .credentials(r.getCredentials().isEmpty() ? null : r.getCredentials())
                .externalId(r.getExternalId().isEmpty() ? null : r.getExternalId())
                .limits(r.hasLimits() ? limits(r.getLimits()) : null)
                .catalogue(r.hasCatalogue() ? catalogue(r.getCatalogue()) : null)
                .settings(r.hasSettings() ? settings(r.getSettings()) : null)
                .labels(r.getLabelsMap().isEmpty() ? null : r.getLabelsMap());
        ModelValidation.valid(validator, create);
        return Uni.createFrom().item(toProto(accounts.create(CloudAccountMapper.fromCreate(create))));
    }

    @Override
    public Uni<ListCloudAccountsResponse> listCloudAccounts(ListCloudAccountsRequest r) {
        if (r.getPageSize() < 0 || r.getPageSize() > 200) {
            throw new InvalidRequest("page_size", "must be between 1 and 200");
        }
        int size = r.getPageSize() == 0 ? 50 : r.getPageSize();
        List<CloudAccountService.View> page = accounts.page(AccountPageToken.decode(r.getPageToken(), "page_token"), size + 1);
        ListCloudAccountsResponse.Builder out = ListCloudAccountsResponse.newBuilder();
        page.stream().limit(size).forEach(v -> out.addItems(toProto(v)));
        if (page.size() > size) {
            out.setNextPageToken(AccountPageToken.encode(page.get(size - 1).account().name()));
        }
        return Uni.createFrom().item(out.build());
    }

    @Override
    public Uni<dev.berth.grpc.v1.CloudAccount> getCloudAccount(CloudAccountRequest r) {
        return Uni.createFrom().item(toProto(accounts.get(name(r.getName()))));
    }

    @Override
    public Uni<dev.berth.grpc.v1.CloudAccount> updateCloudAccount(UpdateCloudAccountRequest r) {
        CloudAccountUpdate update = new CloudAccountUpdate()
                .regions(r.getReplaceRegions() ? r.getRegionsList() : null)
                .credentials(r.hasCredentials() ? r.getCredentials() : null)
                .externalId(r.getExternalId().isEmpty() ? null : r.getExternalId())
                .limits(r.hasLimits() ? limits(r.getLimits()) : null)
                .catalogue(r.hasCatalogue() ? catalogue(r.getCatalogue()) : null)
                .settings(r.hasSettings() ? settings(r.getSettings()) : null)
                .labels(r.getReplaceLabels() ? r.getLabelsMap() : null);
        ModelValidation.valid(validator, update);
        String name = name(r.getName());
        return Uni.createFrom().item(toProto(accounts.update(name, a -> CloudAccountMapper.merge(a, update))));
    }

    @Override
    public Uni<DeleteCloudAccountResponse> deleteCloudAccount(CloudAccountRequest r) {
        accounts.delete(name(r.getName()));
        return Uni.createFrom().item(DeleteCloudAccountResponse.getDefaultInstance());
    }

    private static String name(String name) {
        if (name.length() < 2 || name.length() > 40 || !name.matches(NAME)) {
            throw new InvalidRequest("name", "not a cloud account name");
        }
        return name;
    }

    private static CloudAccountLimits limits(dev.berth.grpc.v1.CloudAccountLimits l) {
        return new CloudAccountLimits().maxVcpu(l.getMaxVcpu()).maxInstances(l.getMaxInstances())
                .maxMemoryMiB(l.getMaxMemoryMib() == 0 ? null : l.getMaxMemoryMib())
                .maxDiskGiB(l.getMaxDiskGib() == 0 ? null : l.getMaxDiskGib());
    }

    private static CloudAccountSettings settings(dev.berth.grpc.v1.CloudAccountSettings s) {
        CloudAccountSettings out = new CloudAccountSettings()
                .subnetIds(s.getSubnetIdsCount() == 0 ? null : s.getSubnetIdsList())
                .securityGroupIds(s.getSecurityGroupIdsCount() == 0 ? null : s.getSecurityGroupIdsList())
                .cluster(s.getCluster().isEmpty() ? null : s.getCluster())
                .assignPublicIp(s.getAssignPublicIp() ? true : null)
                .endpointOverride(s.getEndpointOverride().isEmpty() ? null : s.getEndpointOverride())
                .pollIntervalMillis(s.getPollIntervalMillis() == 0 ? null : s.getPollIntervalMillis())
                .waitTimeoutSeconds(s.getWaitTimeoutSeconds() == 0 ? null : s.getWaitTimeoutSeconds())
                .executionRoleArn(s.getExecutionRoleArn().isEmpty() ? null : s.getExecutionRoleArn())
                .instanceProfile(s.getInstanceProfile().isEmpty() ? null : s.getInstanceProfile())
                .keyName(s.getKeyName().isEmpty() ? null : s.getKeyName());
        if (s.getKindsCount() > 0) {
            try {
                out.kinds(s.getKindsList().stream().map(CloudAccountSettings.KindsEnum::fromValue).toList());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("settings.kinds", "lists vm and/or container");
            }
        }
        return out;
    }

    private static CloudCatalogue catalogue(dev.berth.grpc.v1.CloudCatalogue c) {
        Map<String, CloudRegionPrices> regions = new LinkedHashMap<>();
        c.getRegionsMap().forEach((name, r) -> {
            CloudRegionPrices prices = new CloudRegionPrices().instanceTypes(r.getInstanceTypesList().stream()
                    .map(t -> new CloudInstanceType().name(t.getName()).vcpu(t.getVcpu()).memoryMiB(t.getMemoryMib())
                            .hourlyUsd(decimal(t.getHourlyUsd(), "catalogue.regions." + name + ".instanceTypes.hourlyUsd"))
                            .architecture(architecture(t.getArchitecture())))
                    .toList());
            if (r.hasFargate()) {
                prices.fargate(new FargatePrices()
                        .vcpuHourUsd(decimal(r.getFargate().getVcpuHourUsd(), "catalogue.regions." + name + ".fargate.vcpuHourUsd"))
                        .gibHourUsd(decimal(r.getFargate().getGibHourUsd(), "catalogue.regions." + name + ".fargate.gibHourUsd")));
            }
            if (r.getAmisCount() > 0) {
                prices.amis(r.getAmisMap());
            }
            regions.put(name, prices);
        });
        return new CloudCatalogue().regions(regions).amis(c.getAmisCount() == 0 ? null : c.getAmisMap());
    }

    private static CloudInstanceType.ArchitectureEnum architecture(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return CloudInstanceType.ArchitectureEnum.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("catalogue.instanceTypes.architecture", "must be x86_64 or arm64");
        }
    }

    private static BigDecimal decimal(String value, String field) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(field, "must be a decimal number of USD");
        }
    }

    static dev.berth.grpc.v1.CloudAccount toProto(CloudAccountService.View view) {
        dev.berth.api.model.CloudAccount a = CloudAccountMapper.toApi(view);
        dev.berth.grpc.v1.CloudAccount.Builder b = dev.berth.grpc.v1.CloudAccount.newBuilder()
                .setName(a.getName()).setProvider(a.getProvider().toString()).addAllRegions(a.getRegions())
                .setCredentials(a.getCredentials()).setExternalId(a.getExternalId() == null ? "" : a.getExternalId())
                .setLimits(dev.berth.grpc.v1.CloudAccountLimits.newBuilder().setMaxVcpu(a.getLimits().getMaxVcpu())
                        .setMaxInstances(a.getLimits().getMaxInstances())
                        .setMaxMemoryMib(a.getLimits().getMaxMemoryMiB() == null ? 0 : a.getLimits().getMaxMemoryMiB())
                        .setMaxDiskGib(a.getLimits().getMaxDiskGiB() == null ? 0 : a.getLimits().getMaxDiskGiB()))
                .setCatalogueSource(a.getCatalogueSource().toString())
                .putAllLabels(a.getLabels() == null ? Map.of() : a.getLabels())
                .setCreatedAt(timestamp(a.getCreatedAt())).setUpdatedAt(timestamp(a.getUpdatedAt()));
        if (a.getCatalogue() != null) {
            b.setCatalogue(catalogueToProto(a.getCatalogue()));
        }
        if (a.getSettings() != null) {
            CloudAccountSettings s = a.getSettings();
            dev.berth.grpc.v1.CloudAccountSettings.Builder sb = dev.berth.grpc.v1.CloudAccountSettings.newBuilder();
            if (s.getSubnetIds() != null) {
                sb.addAllSubnetIds(s.getSubnetIds());
            }
            if (s.getSecurityGroupIds() != null) {
                sb.addAllSecurityGroupIds(s.getSecurityGroupIds());
            }
            if (s.getKinds() != null) {
                s.getKinds().forEach(k -> sb.addKinds(k.toString()));
            }
            sb.setCluster(s.getCluster() == null ? "" : s.getCluster())
                    .setAssignPublicIp(Boolean.TRUE.equals(s.getAssignPublicIp()))
                    .setEndpointOverride(s.getEndpointOverride() == null ? "" : s.getEndpointOverride())
                    .setPollIntervalMillis(s.getPollIntervalMillis() == null ? 0 : s.getPollIntervalMillis())
                    .setWaitTimeoutSeconds(s.getWaitTimeoutSeconds() == null ? 0 : s.getWaitTimeoutSeconds())
                    .setExecutionRoleArn(s.getExecutionRoleArn() == null ? "" : s.getExecutionRoleArn())
                    .setInstanceProfile(s.getInstanceProfile() == null ? "" : s.getInstanceProfile())
                    .setKeyName(s.getKeyName() == null ? "" : s.getKeyName());
            b.setSettings(sb);
        }
        a.getTargets().forEach(t -> b.addTargets(CloudTarget.newBuilder().setRegion(t.getRegion())
                .setHostId(t.getHostId().toString()).setHostName(t.getHostName())
                .setPriceVcpuHour(t.getPricing().getVcpuHour().toPlainString())
                .setPriceMemoryGibHour(t.getPricing().getMemoryGiBHour().toPlainString())));
        return b.build();
    }

    private static dev.berth.grpc.v1.CloudCatalogue catalogueToProto(CloudCatalogue c) {
        dev.berth.grpc.v1.CloudCatalogue.Builder b = dev.berth.grpc.v1.CloudCatalogue.newBuilder();
        c.getRegions().forEach((name, r) -> {
            dev.berth.grpc.v1.CloudRegionPrices.Builder rb = dev.berth.grpc.v1.CloudRegionPrices.newBuilder();
            r.getInstanceTypes().forEach(t -> rb.addInstanceTypes(dev.berth.grpc.v1.CloudInstanceType.newBuilder()
                    .setName(t.getName()).setVcpu(t.getVcpu()).setMemoryMib(t.getMemoryMiB())
                    .setHourlyUsd(t.getHourlyUsd().toPlainString())
                    .setArchitecture(t.getArchitecture() == null ? "x86_64" : t.getArchitecture().toString())));
            if (r.getFargate() != null) {
                rb.setFargate(dev.berth.grpc.v1.FargatePrices.newBuilder()
                        .setVcpuHourUsd(r.getFargate().getVcpuHourUsd().toPlainString())
                        .setGibHourUsd(r.getFargate().getGibHourUsd().toPlainString()));
            }
            if (r.getAmis() != null) {
                rb.putAllAmis(r.getAmis());
            }
            b.putRegions(name, rb.build());
        });
        if (c.getAmis() != null) {
            b.putAllAmis(c.getAmis());
        }
        return b.build();
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
