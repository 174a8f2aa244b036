package dev.berth.broker.events.watch;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Sends the watch form of the event routes to {@link EventStreamResource}. The spec has one
 * route per resource ({@code GET /v1/events}, {@code GET /v1/workloads/{id}/events}) whose
 * answer is a page, or with {@code watch=true} or {@code Accept: text/event-stream} a stream;
 * JAX-RS cannot choose a method by a query parameter, so the choice is made here, before
 * matching, by rewriting the path under {@link EventStreamResource#PREFIX}.
 */
public class WatchRouting {

    private static final Pattern EVENT_ROUTES = Pattern.compile("^/v1/(events|workloads/[^/]+/events)/?$");

    @ServerRequestFilter(preMatching = true)
    public void route(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (!EVENT_ROUTES.matcher(path).matches() || !wantsWatch(request)) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        request.setRequestUri(UriBuilder.fromUri(uri).replacePath(EventStreamResource.PREFIX + path.substring(3)).build());
    }

    private static boolean wantsWatch(ContainerRequestContext request) {
        String watch = request.getUriInfo().getQueryParameters().getFirst("watch");
        if (watch != null) {
            return "true".equalsIgnoreCase(watch);
        }
        // Only a client that takes nothing but a stream gets one: generated SDKs list every media
        // type of the operation in Accept (JSON and event-stream alike) and expect a page.
        List<MediaType> accepted = request.getAcceptableMediaTypes();
        return accepted.stream().anyMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE))
                && accepted.stream().noneMatch(WatchRouting::takesJson);
    }

    private static boolean takesJson(MediaType t) {
        return t.isWildcardType() || t.isCompatible(MediaType.APPLICATION_JSON_TYPE) || t.getSubtype().endsWith("+json");
    }
}
