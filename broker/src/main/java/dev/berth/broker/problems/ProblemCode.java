package dev.berth.broker.problems;

import io.grpc.Status;

/**
 * Every stable machine code a client can see, with its HTTP status and its gRPC status.
 * Codes are part of the API contract: add new ones, never rename or reuse one.
 */
public enum ProblemCode {
    AUTH_UNAUTHENTICATED("auth.unauthenticated", 401, "Authentication required", Status.Code.UNAUTHENTICATED),
    AUTH_FORBIDDEN("auth.forbidden", 403, "Forbidden", Status.Code.PERMISSION_DENIED),
    AUTH_NO_TENANT("auth.no_tenant", 403, "No tenant", Status.Code.PERMISSION_DENIED),
    REQUEST_MALFORMED("request.malformed", 400, "Malformed request", Status.Code.INVALID_ARGUMENT),
    REQUEST_INVALID("request.invalid", 400, "Invalid request", Status.Code.INVALID_ARGUMENT),
    REQUEST_TOO_LARGE("request.too_large", 413, "Request body too large", Status.Code.INVALID_ARGUMENT),
    UNSUPPORTED_MEDIA_TYPE("request.unsupported_media_type", 415, "Unsupported media type", Status.Code.INVALID_ARGUMENT),
    NOT_ACCEPTABLE("request.not_acceptable", 406, "Not acceptable", Status.Code.INVALID_ARGUMENT),
    METHOD_NOT_ALLOWED("request.method_not_allowed", 405, "Method not allowed", Status.Code.UNIMPLEMENTED),
    RESOURCE_NOT_FOUND("resource.not_found", 404, "Not found", Status.Code.NOT_FOUND),
    WORKLOAD_NOT_FOUND("workload.not_found", 404, "Workload not found", Status.Code.NOT_FOUND),
    OPERATION_NOT_FOUND("operation.not_found", 404, "Operation not found", Status.Code.NOT_FOUND),
    HOST_NOT_FOUND("host.not_found", 404, "Host not found", Status.Code.NOT_FOUND),
    SNAPSHOT_NOT_FOUND("snapshot.not_found", 404, "Snapshot not found", Status.Code.NOT_FOUND),
    SNAPSHOT_NAME_TAKEN("snapshot.name_taken", 409, "Snapshot name taken", Status.Code.ALREADY_EXISTS),
    SNAPSHOT_NOT_RESTORABLE("snapshot.not_restorable", 409, "Snapshot cannot be restored this way", Status.Code.FAILED_PRECONDITION),
    SNAPSHOTS_UNSUPPORTED("snapshot.unsupported", 422, "The workload's host cannot take snapshots", Status.Code.FAILED_PRECONDITION),
    QUOTA_EXCEEDED("quota.exceeded", 409, "Quota exceeded", Status.Code.RESOURCE_EXHAUSTED),
    PLACEMENT_NO_FIT("placement.no_fit", 409, "No host fits", Status.Code.RESOURCE_EXHAUSTED),
    WORKLOAD_NAME_TAKEN("workload.name_taken", 409, "Workload name taken", Status.Code.ALREADY_EXISTS),
    WORKLOAD_INVALID_STATE("workload.invalid_state", 409, "Not allowed in the workload's state", Status.Code.FAILED_PRECONDITION),
    IDEMPOTENCY_KEY_REUSED("idempotency.key_reused", 422, "Idempotency key reused", Status.Code.INVALID_ARGUMENT),
    IDEMPOTENCY_IN_FLIGHT("idempotency.in_flight", 409, "Request with this idempotency key in progress", Status.Code.ABORTED),
    HOST_NAME_TAKEN("host.name_taken", 409, "Host name taken", Status.Code.ALREADY_EXISTS),
    HOST_IN_USE("host.in_use", 409, "Host in use", Status.Code.FAILED_PRECONDITION),
    HOST_CAPACITY_BELOW_ALLOCATION("host.capacity_below_allocation", 409, "Capacity below allocation", Status.Code.FAILED_PRECONDITION),
    HOST_UNREACHABLE("host.unreachable", 422, "Host unreachable", Status.Code.FAILED_PRECONDITION),
    HOST_DRIVER_UNKNOWN("host.driver_unknown", 422, "Unknown host driver", Status.Code.INVALID_ARGUMENT),
    PROVIDER_FAILED("provider.failed", 502, "The provider refused the request", Status.Code.FAILED_PRECONDITION),
    PROVIDER_UNAVAILABLE("provider.unavailable", 503, "The provider is unavailable", Status.Code.UNAVAILABLE),
    // Image pull failures (issue 15): on a failed CREATE operation, never as an HTTP answer of their own.
    IMAGE_PULL_NOT_FOUND("image.pull_not_found", 502, "Image not found in its registry", Status.Code.FAILED_PRECONDITION),
    IMAGE_PULL_UNAUTHORIZED("image.pull_unauthorized", 502, "Registry refused the image pull", Status.Code.FAILED_PRECONDITION),
    IMAGE_REGISTRY_UNREACHABLE("image.registry_unreachable", 502, "Image registry unreachable", Status.Code.UNAVAILABLE),
    IMAGE_PULL_TIMEOUT("image.pull_timeout", 504, "Image pull timed out", Status.Code.DEADLINE_EXCEEDED),
    WORKLOAD_LOST("workload.lost", 410, "The workload is gone from its host", Status.Code.NOT_FOUND),
    POLICY_NOT_FOUND("policy.not_found", 404, "Policy not found", Status.Code.NOT_FOUND),
    POLICY_EXISTS("policy.exists", 409, "Policy exists", Status.Code.ALREADY_EXISTS),
    POLICY_INVALID("policy.invalid", 422, "Policy does not compile", Status.Code.INVALID_ARGUMENT),
    POLICY_DENIED("policy.denied", 403, "Denied by policy", Status.Code.PERMISSION_DENIED),
    QUOTA_CLASS_NOT_FOUND("quota_class.not_found", 404, "Quota class not found", Status.Code.NOT_FOUND),
    // Platform images (issue 13: image resolution).
    IMAGE_NOT_FOUND("image.not_found", 404, "Platform image not found", Status.Code.NOT_FOUND),
    IMAGE_NAME_TAKEN("image.name_taken", 409, "Platform image name taken", Status.Code.ALREADY_EXISTS),
    // Tenants, members and service accounts (identity objects live in Keycloak).
    TENANT_NOT_FOUND("tenant.not_found", 404, "Tenant not found", Status.Code.NOT_FOUND),
    TENANT_EXISTS("tenant.exists", 409, "Tenant exists", Status.Code.ALREADY_EXISTS),
    TENANT_INVALID_STATE("tenant.invalid_state", 409, "Not allowed in the tenant's state", Status.Code.FAILED_PRECONDITION),
    TENANT_HAS_WORKLOADS("tenant.has_workloads", 409, "Tenant has live workloads", Status.Code.FAILED_PRECONDITION),
    TENANT_SUSPENDED("tenant.suspended", 403, "Tenant suspended", Status.Code.PERMISSION_DENIED),
    TENANT_INACTIVE("tenant.inactive", 403, "Tenant not active", Status.Code.PERMISSION_DENIED),
    MEMBER_NOT_FOUND("member.not_found", 404, "Member not found", Status.Code.NOT_FOUND),
    // One answer for every taken username or e-mail address (replaced member.exists,
    // member.username_taken and member.email_taken, whose difference told other tenants' people apart).
    MEMBER_UNAVAILABLE("member.unavailable", 409, "Username or e-mail address unavailable", Status.Code.ALREADY_EXISTS),
    INVITATION_NOT_FOUND("invitation.not_found", 404, "Invitation not found", Status.Code.NOT_FOUND),
    INVITATION_NOT_ACCEPTABLE("invitation.not_acceptable", 409, "Invitation cannot be accepted by this account", Status.Code.FAILED_PRECONDITION),
    SERVICE_ACCOUNT_NOT_FOUND("service_account.not_found", 404, "Service account not found", Status.Code.NOT_FOUND),
    SERVICE_ACCOUNT_NAME_TAKEN("service_account.name_taken", 409, "Service account name taken", Status.Code.ALREADY_EXISTS),
    IDENTITY_UNAVAILABLE("identity.unavailable", 503, "The identity provider is unavailable", Status.Code.UNAVAILABLE),
    IDENTITY_FAILED("identity.failed", 502, "The identity provider refused the request", Status.Code.FAILED_PRECONDITION),
    // Public-cloud accounts (platform-admin).
    CLOUD_ACCOUNT_NOT_FOUND("cloud_account.not_found", 404, "Cloud account not found", Status.Code.NOT_FOUND),
    CLOUD_ACCOUNT_NAME_TAKEN("cloud_account.name_taken", 409, "Cloud account name taken", Status.Code.ALREADY_EXISTS),
    CLOUD_ACCOUNT_IN_USE("cloud_account.in_use", 409, "Cloud account region in use", Status.Code.FAILED_PRECONDITION),
    CLOUD_ACCOUNT_CREDENTIALS_INVALID("cloud_account.credentials_invalid", 400, "Credentials are not a reference", Status.Code.INVALID_ARGUMENT),
    // The reconciler (platform-admin).
    RECONCILE_BUSY("reconcile.busy", 409, "A reconcile pass of this host is still running", Status.Code.ABORTED),
    INTERNAL("internal", 500, "Internal error", Status.Code.INTERNAL),
    // A tenant's or client's request budget is spent (ratelimit package); answers carry Retry-After.
    RATE_LIMITED("rate_limited", 429, "Too many requests", Status.Code.RESOURCE_EXHAUSTED),
    // Event watch streams (events.watch): the tenant's concurrent watches are all taken; a
    // watch whose reader fell further behind than its buffer is closed with this final error.
    WATCH_LIMIT_EXCEEDED("watch.limit_exceeded", 429, "Too many concurrent watches", Status.Code.RESOURCE_EXHAUSTED),
    WATCH_TOO_SLOW("watch.too_slow", 503, "Watch closed: the reader fell behind", Status.Code.RESOURCE_EXHAUSTED);

    private final String code;
    private final int httpStatus;
    private final String title;
    private final Status.Code grpcStatus;

    ProblemCode(String code, int httpStatus, String title, Status.Code grpcStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.title = title;
        this.grpcStatus = grpcStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }

    public Status.Code grpcStatus() {
        return grpcStatus;
    }

    /** The RFC 9457 {@code type} URI of this problem. */
    public String typeUri() {
        return "https://berth.dev/problems/" + code;
    }
}
