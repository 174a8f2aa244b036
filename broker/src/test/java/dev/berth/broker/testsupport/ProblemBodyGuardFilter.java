package dev.berth.broker.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Test-only: hands every problem+json answer of the broker to {@link ProblemBodyGuard}. */
@Provider
public class ProblemBodyGuardFilter implements ContainerResponseFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean problem = response.getMediaType() != null && "problem+json".equals(response.getMediaType().getSubtype())
                || response.getStatus() >= 400;
        if (!problem || !response.hasEntity()) {
            return;
        }
        Object entity = response.getEntity();
        String body;
        try {
            body = entity instanceof String s ? s : JSON.writeValueAsString(entity);
        } catch (Exception e) {
            body = String.valueOf(entity);
        }
        ProblemBodyGuard.check("REST " + request.getMethod() + " " + request.getUriInfo().getPath(), body);
    }
}
