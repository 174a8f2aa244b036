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
    INTERNAL("internal", 500, "Internal error", Status.Code.INTERNAL);

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
