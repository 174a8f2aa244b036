package dev.berth.broker.cloud;

import java.net.URI;
import java.util.List;

import dev.berth.api.model.CloudAccountCreate;
import dev.berth.api.model.CloudAccountPage;
import dev.berth.api.model.CloudAccountUpdate;
import dev.berth.api.rest.AdminCloudAccountsApi;
import dev.berth.broker.db.PageToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;

/** REST adapter for {@code /v1/admin/cloud-accounts}: platform admins only. */
@RolesAllowed(PLATFORM_ADMIN)
public class CloudAccountsResource implements AdminCloudAccountsApi {

    private final CloudAccountService accounts;

    CloudAccountsResource(CloudAccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Response createCloudAccount(CloudAccountCreate request) {
        CloudAccountService.View created = accounts.create(CloudAccountMapper.fromCreate(request));
        return Response.created(URI.create("/v1/admin/cloud-accounts/" + created.account().name()))
                .entity(CloudAccountMapper.toApi(created)).build();
    }

    @Override
    public Response listCloudAccounts(Integer pageSize, String pageToken) {
        int size = PageToken.pageSize(pageSize);
        List<CloudAccountService.View> page = accounts.page(AccountPageToken.decode(pageToken, "pageToken"), size + 1);
        CloudAccountPage body = new CloudAccountPage()
                .items(page.stream().limit(size).map(CloudAccountMapper::toApi).toList());
        if (page.size() > size) {
            body.nextPageToken(AccountPageToken.encode(page.get(size - 1).account().name()));
        }
        return Response.ok(body).build();
    }

    @Override
    public Response getCloudAccount(String accountName) {
        return Response.ok(CloudAccountMapper.toApi(accounts.get(accountName))).build();
    }

    @Override
    public Response updateCloudAccount(String accountName, CloudAccountUpdate update) {
        return Response.ok(CloudAccountMapper.toApi(accounts.update(accountName, a -> CloudAccountMapper.merge(a, update))))
                .build();
    }

    @Override
    public Response deleteCloudAccount(String accountName) {
        accounts.delete(accountName);
        return Response.noContent().build();
    }
}
