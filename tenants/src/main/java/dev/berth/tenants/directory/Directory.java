package dev.berth.tenants.directory;

/**
 * The identity directory behind Berth's tenants: the people, tenant groups and machine
 * clients an identity provider holds. Every call either answers, or throws
 * {@link DirectoryUnavailable} (no answer: worth retrying later) or {@link DirectoryRefused}
 * (the provider said no); a thing that is not there is an empty {@code Optional} or
 * {@code false}, never an exception.
 */
public interface Directory {

    DirectoryUsers users();

    DirectoryGroups groups();

    DirectoryClients clients();
}
