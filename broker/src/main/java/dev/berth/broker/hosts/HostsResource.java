package dev.berth.broker.hosts;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.berth.api.model.HostCreate;
import dev.berth.api.model.HostPage;
import dev.berth.api.model.HostUpdate;
import dev.berth.api.rest.AdminHostsApi;
import dev.berth.broker.db.PageToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** REST adapter for {@code /v1/admin/hosts}: platform admins only. */
@RolesAllowed(PLATFORM_ADMIN)
public class HostsResource implements AdminHostsApi {

    private final HostService hosts;

    HostsResource(HostService hosts) {
        this.hosts = hosts;
    }

    @Override
    public Response registerHost(HostCreate request) {
        Host host = hosts.register(request);
        return Response.created(URI.create("/v1/admin/hosts/" + host.id())).entity(HostMapper.toApi(host)).build();
    }

    @Override
    public Response listHosts(Integer pageSize, String pageToken) {
        int size = PageToken.pageSize(pageSize);
        List<Host> page = hosts.page(PageToken.decode(pageToken), size + 1);
        HostPage body = new HostPage().items(page.stream().limit(size).map(HostMapper::toApi).toList());
        if (page.size() > size) {
            Host last = page.get(size - 1);
            body.nextPageToken(new PageToken(last.createdAt(), last.id()).encode());
        }
        return Response.ok(body).build();
    }

    @Override
    public Response getHost(UUID hostId) {
        return Response.ok(HostMapper.toApi(hosts.get(hostId))).build();
    }

    @Override
    public Response updateHost(UUID hostId, HostUpdate update) {
        return Response.ok(HostMapper.toApi(hosts.update(hostId, update))).build();
    }

    @Override
    public Response removeHost(UUID hostId) {
        hosts.remove(hostId);
        return Response.noContent().build();
    }

    @Override
    public Response cordonHost(UUID hostId) {
        return Response.ok(HostMapper.toApi(hosts.setCordoned(hostId, true))).build();
    }

    @Override
    public Response uncordonHost(UUID hostId) {
        return Response.ok(HostMapper.toApi(hosts.setCordoned(hostId, false))).build();
    }
}
