package dev.berth.broker.testsupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.api.AdminHostsApi;
import dev.berth.sdk.api.AdminQuotasApi;
import dev.berth.sdk.api.OperationsApi;
import dev.berth.sdk.api.QuotaApi;
import dev.berth.sdk.api.WorkloadsApi;
import dev.berth.sdk.model.Host;
import dev.berth.sdk.model.HostCapacity;
import dev.berth.sdk.model.HostCreate;
import dev.berth.sdk.model.HostDriver;
import dev.berth.sdk.model.QuotaLimits;
import dev.berth.sdk.model.ResourceRequest;
import dev.berth.sdk.model.Workload;
import dev.berth.sdk.model.WorkloadCreate;
import dev.berth.sdk.model.WorkloadKind;
import dev.berth.sdk.model.WorkloadStatus;
import dev.berth.sdk.support.BerthClients;

/** The generated SDK, logged in as a demo user, plus fixtures built on it. */
public final class Api {

    public static final String IMAGE = "berth-demo/busybox:1";
    public static final Set<WorkloadStatus> SETTLED = Set.of(WorkloadStatus.RUNNING, WorkloadStatus.STOPPED,
            WorkloadStatus.DELETED, WorkloadStatus.FAILED);

    private final ApiClient client;

    private Api(String token) {
        this(BrokerUnderTest.baseUrl(), token);
    }

    private Api(String baseUrl, String token) {
        this.client = BerthClients.withBearerToken(baseUrl, () -> token);
    }

    /** A user's SDK against a broker at {@code baseUrl} (e.g. one of several replicas). */
    public static Api at(String baseUrl, String user) {
        return new Api(baseUrl, Tokens.user(user));
    }

    public static Api as(String user) {
        return new Api(Tokens.user(user));
    }

    /** The SDK with a token obtained elsewhere (accounts and service accounts made by tests). */
    public static Api withToken(String token) {
        return new Api(token);
    }

    public dev.berth.sdk.api.AdminTenantsApi tenants() {
        return new dev.berth.sdk.api.AdminTenantsApi(client);
    }

    public dev.berth.sdk.api.MembersApi members() {
        return new dev.berth.sdk.api.MembersApi(client);
    }

    public dev.berth.sdk.api.InvitationsApi invitations() {
        return new dev.berth.sdk.api.InvitationsApi(client);
    }

    public dev.berth.sdk.api.ServiceAccountsApi serviceAccounts() {
        return new dev.berth.sdk.api.ServiceAccountsApi(client);
    }

    public dev.berth.sdk.api.IdentityApi identity() {
        return new dev.berth.sdk.api.IdentityApi(client);
    }

    public static Api asServiceAccount(String clientId) {
        return new Api(Tokens.serviceAccount(clientId));
    }

    public WorkloadsApi workloads() {
        return new WorkloadsApi(client);
    }

    public OperationsApi operations() {
        return new OperationsApi(client);
    }

    public QuotaApi quota() {
        return new QuotaApi(client);
    }

    public AdminHostsApi hosts() {
        return new AdminHostsApi(client);
    }

    public dev.berth.sdk.api.AdminCloudAccountsApi cloudAccounts() {
        return new dev.berth.sdk.api.AdminCloudAccountsApi(client);
    }

    public dev.berth.sdk.api.AdminImagesApi adminImages() {
        return new dev.berth.sdk.api.AdminImagesApi(client);
    }

    public dev.berth.sdk.api.ImagesApi images() {
        return new dev.berth.sdk.api.ImagesApi(client);
    }

    public dev.berth.sdk.api.AdminReconcileApi reconcile() {
        return new dev.berth.sdk.api.AdminReconcileApi(client);
    }

    public AdminQuotasApi quotas() {
        return new AdminQuotasApi(client);
    }

    public dev.berth.sdk.api.AdminQuotaClassesApi quotaClasses() {
        return new dev.berth.sdk.api.AdminQuotaClassesApi(client);
    }

    public dev.berth.sdk.api.UsageApi usage() {
        return new dev.berth.sdk.api.UsageApi(client);
    }

    public dev.berth.sdk.api.AdminUsageApi adminUsage() {
        return new dev.berth.sdk.api.AdminUsageApi(client);
    }

    /** As admin: registers the local Docker engine under {@code name}, optionally with explicit capacity. */
    public static Host registerLocalDocker(String name, HostCapacity capacity) {
        try {
            return as("admin").hosts().registerHost(new HostCreate().name(name).driver(HostDriver.DOCKER)
                    .endpoint("unix:///var/run/docker.sock").capacity(capacity).labels(Map.of("zone", "local")));
        } catch (ApiException e) {
            throw new AssertionError("registering host failed: " + e.getResponseBody(), e);
        }
    }

    /** As admin: sets a tenant's quota. */
    public static void setQuota(String tenant, String vcpu, long memoryMiB, long diskGiB, int instances) {
        try {
            as("admin").quotas().setTenantQuota(tenant, new QuotaLimits().vcpu(new BigDecimal(vcpu))
                    .memoryMiB(memoryMiB).diskGiB(diskGiB).instances(instances));
        } catch (ApiException e) {
            throw new AssertionError("setting quota failed: " + e.getResponseBody(), e);
        }
    }

    public static WorkloadCreate sleeper(String name, String vcpu, long memoryMiB) {
        return new WorkloadCreate().name(name).kind(WorkloadKind.CONTAINER).image(IMAGE)
                .command(List.of("sleep", "3600"))
                .resources(new ResourceRequest().vcpu(new BigDecimal(vcpu)).memoryMiB(memoryMiB));
    }

    /** Polls the workload until it reaches {@code status} (or fails the test on FAILED / timeout). */
    public Workload awaitStatus(UUID id, WorkloadStatus status) {
        return Await.until("workload " + id + " to be " + status, Duration.ofSeconds(60), () -> {
            try {
                return workloads().getWorkload(id);
            } catch (ApiException e) {
                throw new AssertionError(e.getResponseBody(), e);
            }
        }, w -> {
            if (w.getStatus() == WorkloadStatus.FAILED && status != WorkloadStatus.FAILED) {
                throw new AssertionError("workload failed: " + w.getStatusReason());
            }
            return w.getStatus() == status;
        });
    }

    /** Polls until the workload has settled (no longer in a transitional status). */
    public Workload awaitSettled(UUID id) {
        return Await.until("workload " + id + " to settle", Duration.ofSeconds(60), () -> {
            try {
                return workloads().getWorkload(id);
            } catch (ApiException e) {
                throw new AssertionError(e.getResponseBody(), e);
            }
        }, w -> SETTLED.contains(w.getStatus()));
    }
}
