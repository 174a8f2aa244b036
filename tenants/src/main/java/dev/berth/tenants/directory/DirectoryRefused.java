package dev.berth.tenants.directory;

/** The identity provider answered a 4xx the caller did not expect (its message is kept for the reason). */
public final class DirectoryRefused extends DirectoryException {

    private final int status;
    private final String providerMessage;

    public DirectoryRefused(String what, int status, String providerMessage) {
        super("The identity provider refused " + what + " (HTTP " + status + ": " + providerMessage + ").");
        this.status = status;
        this.providerMessage = providerMessage;
    }

    public int status() {
        return status;
    }

    /** True when the refusal is a conflict (a name or email already taken). */
    public boolean conflict() {
        return status == 409;
    }

    public String providerMessage() {
        return providerMessage;
    }
}
