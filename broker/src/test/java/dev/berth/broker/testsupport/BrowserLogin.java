package dev.berth.broker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's first login in a browser, over plain HTTP: the authorization-code flow of the
 * realm's {@code account-console} client (PKCE), the login form with the temporary password,
 * then Keycloak's "update password" required action. Afterwards the account has the new
 * password and no pending action, so the password grant of {@code berth-cli} works.
 * Cookies are kept by hand: Keycloak marks them Secure, which the JDK's cookie manager
 * would not send over http://127.0.0.1.
 */
public final class BrowserLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Logs in with {@code temporaryPassword} and sets {@code newPassword} as Keycloak asks. */
    public static void firstLogin(String username, String temporaryPassword, String newPassword) {
        new BrowserLogin().run(username, temporaryPassword, newPassword);
    }

    private void run(String username, String temporaryPassword, String newPassword) {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String redirect = Tokens.ISSUER + "/account/";
        String authorize = Tokens.ISSUER + "/protocol/openid-connect/auth?client_id=account-console&response_type=code"
                + "&scope=openid&redirect_uri=" + enc(redirect) + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256";
        HttpResponse<String> login = get(authorize);
        HttpResponse<String> afterLogin = post(action(login), Map.of("username", username, "password", temporaryPassword,
                "credentialId", ""));
        HttpResponse<String> updateForm = afterLogin.statusCode() == 302
                ? get(afterLogin.headers().firstValue("Location").orElseThrow()) : afterLogin;
        if (!updateForm.body().contains("password-new")) {
            throw new AssertionError("Keycloak did not ask " + username + " for a new password: HTTP "
                    + updateForm.statusCode() + " " + updateForm.body().substring(0, Math.min(300, updateForm.body().length())));
        }
        HttpResponse<String> done = post(action(updateForm), Map.of("password-new", newPassword,
                "password-confirm", newPassword));
        String location = done.headers().firstValue("Location").orElse("");
        if (done.statusCode() != 302 || !location.startsWith(redirect)) {
            throw new AssertionError("password update not accepted: HTTP " + done.statusCode() + " " + location);
        }
    }

    private static String action(HttpResponse<String> page) {
        Matcher m = FORM_ACTION.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form on Keycloak's page (HTTP " + page.statusCode() + ")");
        }
        return m.group(1).replace("&amp;", "&");
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
