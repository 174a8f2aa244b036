package dev.berth.broker.problems;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.berth.api.model.FieldViolation;
import dev.berth.tenants.directory.DirectoryException;
import dev.berth.tenants.units.UnitRefused;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception that can leave a REST resource to problem+json. Anything not
 * recognised is an {@code internal} error, logged with its stack trace and shown to the
 * client without internals.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response berthProblem(BerthProblem problem, UriInfo uri) {
        return ProblemResponses.of(problem, path(uri));
    }

    /** A quantity the schema accepted but its unit cannot hold exactly: a field violation like any other. */
    @ServerExceptionMapper
    public Response unitRefused(UnitRefused refused, UriInfo uri) {
        return ProblemResponses.of(new InvalidRequest(refused.field(), refused.reason()), path(uri));
    }

    /** The tenants' directory could not be reached or refused: {@code identity.unavailable} / {@code identity.failed}. */
    @ServerExceptionMapper
    public Response directoryFailed(DirectoryException failure, UriInfo uri) {
        return ProblemResponses.of(IdentityProblems.of(failure), path(uri));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ProblemResponses.of(ProblemCode.AUTH_UNAUTHENTICATED,
                "A valid bearer access token for audience berth-api is required.", path(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(ProblemCode.AUTH_FORBIDDEN,
                "The token does not carry a role that allows this operation.", path(uri));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(ProblemExceptionMappers::toFieldViolation)
                .toList();
        return ProblemResponses.of(ProblemCode.REQUEST_INVALID, "The request has invalid fields.", path(uri), violations);
    }

    /**
     * Every body Jackson cannot read, in JSON terms ({@link JsonProblems}). Listed by type
     * because quarkus-rest-jackson has its own mappers for some of them, and the most
     * specific mapper wins.
     */
    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.core.JsonParseException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
            com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class,
            UnrecognizedPropertyException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        JsonProblems.Refusal refusal = JsonProblems.of(e);
        LOG.debugf("unreadable request body at %s: %s", path(uri), e.getOriginalMessage());
        return ProblemResponses.of(refusal.code(), refusal.detail(), path(uri), refusal.violations());
    }

    @ServerExceptionMapper
    public Response violations(io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(v -> v.getPropertyPath().toString().contains("<return value>"))) {
            return unexpected(e, uri);
        }
        return constraintViolation(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // quarkus-rest-jackson wraps some parse errors (duplicate keys, ...) in a plain 400.
            return unreadableJson(json, uri);
        }
        if (e instanceof jakarta.ws.rs.NotFoundException
                && (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof java.time.DateTimeException)) {
            // JAX-RS reports a path/query parameter it cannot convert (a malformed UUID, enum
            // or date-time) as 404; the client sent a bad value, not a missing resource.
            // The cause's message names Java types (No enum constant dev.berth…); say it in words.
            return ProblemResponses.of(ProblemCode.REQUEST_INVALID, "A path or query parameter is malformed (an id "
                    + "that is not a UUID, a value outside its list, or a date-time that is not RFC 3339).", path(uri));
        }
        ProblemCode code = codeForStatus(e.getResponse().getStatus());
        String detail = code == ProblemCode.INTERNAL ? "Unexpected error."
                : PublicText.of(e.getMessage(), code.title() + ".");
        if (code == ProblemCode.INTERNAL) {
            LOG.error("Unexpected web application error", e);
        }
        return ProblemResponses.of(code, detail, path(uri));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        // The client gets a reference to quote; the exception stays in the log.
        String reference = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return ProblemResponses.of(ProblemCode.INTERNAL, "Unexpected error (reference " + reference + ").", path(uri));
    }

    private static ProblemCode codeForStatus(int status) {
        return switch (status) {
            case 400 -> ProblemCode.REQUEST_MALFORMED;
            case 401 -> ProblemCode.AUTH_UNAUTHENTICATED;
            case 403 -> ProblemCode.AUTH_FORBIDDEN;
            case 404 -> ProblemCode.RESOURCE_NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 413 -> ProblemCode.REQUEST_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ProblemCode.INTERNAL;
        };
    }

    private static FieldViolation toFieldViolation(ConstraintViolation<?> v) {
        return new FieldViolation().field(parameterName(v).orElseGet(() -> fieldPath(v.getPropertyPath().toString())))
                .message(v.getMessage());
    }

    /**
     * A violation on a path, query or header parameter, named as it is on the wire
     * ({@code Idempotency-Key}, {@code pageSize}) — from the JAX-RS annotation of the
     * generated interface — rather than as a Java method argument.
     */
    static java.util.Optional<String> parameterName(ConstraintViolation<?> v) {
        java.util.Iterator<jakarta.validation.Path.Node> nodes = v.getPropertyPath().iterator();
        if (!nodes.hasNext()) {
            return java.util.Optional.empty();
        }
        jakarta.validation.Path.Node method = nodes.next();
        if (method.getKind() != jakarta.validation.ElementKind.METHOD || !nodes.hasNext()) {
            return java.util.Optional.empty();
        }
        jakarta.validation.Path.Node parameter = nodes.next();
        if (parameter.getKind() != jakarta.validation.ElementKind.PARAMETER || v.getRootBeanClass() == null) {
            return java.util.Optional.empty();
        }
        int index = parameter.as(jakarta.validation.Path.ParameterNode.class).getParameterIndex();
        Class<?>[] types = method.as(jakarta.validation.Path.MethodNode.class).getParameterTypes().toArray(Class<?>[]::new);
        return wireName(v.getRootBeanClass(), method.getName(), types, index);
    }

    private static java.util.Optional<String> wireName(Class<?> type, String method, Class<?>[] types, int index) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            java.util.List<Class<?>> candidates = new java.util.ArrayList<>(List.of(c));
            candidates.addAll(List.of(c.getInterfaces()));
            for (Class<?> candidate : candidates) {
                try {
                    for (java.lang.annotation.Annotation a : candidate.getDeclaredMethod(method, types).getParameterAnnotations()[index]) {
                        if (a instanceof jakarta.ws.rs.QueryParam q) {
                            return java.util.Optional.of(q.value());
                        }
                        if (a instanceof jakarta.ws.rs.HeaderParam h) {
                            return java.util.Optional.of(h.value());
                        }
                        if (a instanceof jakarta.ws.rs.PathParam p) {
                            return java.util.Optional.of(p.value());
                        }
                    }
                } catch (NoSuchMethodException e) {
                    // not declared here; look further up
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** "createWorkload.body.resources.vcpu" → "resources.vcpu": clients know fields, not Java methods. */
    static String fieldPath(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return jsonPath(parts.length == 3 ? parts[2] : propertyPath);
    }

    /**
     * Bean Validation's container-element nodes as JSON paths: {@code labels[team].<map value>}
     * and {@code labels<K>[team].<map key>} → {@code labels.team}; {@code command[2].<list element>}
     * → {@code command[2]}.
     */
    static String jsonPath(String propertyPath) {
        return propertyPath
                .replaceAll("<K>\\[([^\\]]*)\\]\\.<map key>", ".$1")
                .replaceAll("\\[([^\\]]*)\\]\\.<map value>", ".$1")
                // a cascaded map value (regions[us-east-1].instanceTypes); list indices stay [0]
                .replaceAll("\\[([^\\]]*[^0-9\\]][^\\]]*)\\]", ".$1")
                .replace(".<list element>", "")
                .replace(".<iterable element>", "");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
