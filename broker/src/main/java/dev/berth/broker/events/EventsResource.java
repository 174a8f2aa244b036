package dev.berth.broker.events;

import java.util.List;

import dev.berth.api.model.EventPage;
import dev.berth.api.rest.EventsApi;
import dev.berth.broker.db.PageToken;
import dev.berth.broker.security.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** {@code GET /v1/events} as pages; the watch form is {@code events.watch.EventStreamResource}. */
@RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
public class EventsResource implements EventsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final EventAccess access;

    EventsResource(SecurityIdentity identity, CallerResolver callers, EventAccess access) {
        this.identity = identity;
        this.callers = callers;
        this.access = access;
    }

    @Override
    public Response listEvents(String tenant, Integer pageSize, String pageToken, Boolean watch, String after,
                               String lastEventID) {
        // watch=true never lands here: events.watch.WatchRouting sends it to the stream.
        EventScope scope = access.all(callers.resolve(identity), tenant);
        int size = PageToken.pageSize(pageSize);
        List<Event> events = access.page(scope, EventPageToken.cursor(pageToken, "pageToken"), size + 1);
        EventPage body = new EventPage().items(events.stream().limit(size).map(EventMapper::toApi).toList());
        if (events.size() > size) {
            body.nextPageToken(EventPageToken.after(events.get(size - 1).id()));
        }
        return Response.ok(body).build();
    }
}
