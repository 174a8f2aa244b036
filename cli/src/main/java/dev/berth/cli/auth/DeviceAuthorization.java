package dev.berth.cli.auth;

import java.time.Duration;

/** The answer of the device authorization endpoint (RFC 8628 §3.2). */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
                                  String verificationUriComplete, Duration expiresIn, Duration interval) {
}
