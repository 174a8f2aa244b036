package dev.berth.tenants.directory;

/** A new account's profile; Keycloak's default user profile requires email, first and last name. */
public record NewUser(String username, String email, String firstName, String lastName) {
}
