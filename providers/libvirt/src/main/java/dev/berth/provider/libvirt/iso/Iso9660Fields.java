package dev.berth.provider.libvirt.iso;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * How ECMA-119 spells values into an image: both-endian numbers (little-endian then
 * big-endian copy), space-padded identifiers (ASCII, or UCS-2 big-endian in a Joliet
 * descriptor), the 7-byte directory record time and the 17-byte descriptor time.
 */
final class Iso9660Fields {

    private Iso9660Fields() {
    }

    /** A space-padded identifier field: ASCII in the primary descriptor, UCS-2 big-endian in Joliet's. */
    static void text(byte[] image, int at, int width, String value, boolean joliet) {
        if (joliet) {
            for (int i = 0; i + 1 < width; i += 2) {
                char c = i / 2 < value.length() ? value.charAt(i / 2) : ' ';
                image[at + i] = (byte) (c >> 8);
                image[at + i + 1] = (byte) c;
            }
        } else {
            Arrays.fill(image, at, at + width, (byte) ' ');
            put(image, at, value.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** 7 bytes: years since 1900, month, day, hour, minute, second, offset from GMT in 15-minute steps. */
    static byte[] recordTime(ZonedDateTime t) {
        return new byte[] {(byte) (t.getYear() - 1900), (byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
                (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(), 0};
    }

    /** 17 bytes: "YYYYMMDDHHMMSScc" in ASCII digits, then the GMT offset. */
    static byte[] descriptorTime(ZonedDateTime t) {
        String digits = String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 10_000_000);
        return Arrays.copyOf(digits.getBytes(StandardCharsets.US_ASCII), 17);
    }

    /** "Not specified": sixteen ASCII zeros and a zero offset. */
    static byte[] unspecifiedTime() {
        byte[] time = new byte[17];
        Arrays.fill(time, 0, 16, (byte) '0');
        return time;
    }

    static void put(byte[] image, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, image, at, bytes.length);
    }

    static void bothEndian16(byte[] image, int at, int value) {
        image[at] = (byte) value;
        image[at + 1] = (byte) (value >> 8);
        image[at + 2] = (byte) (value >> 8);
        image[at + 3] = (byte) value;
    }

    static void bothEndian32(byte[] image, int at, int value) {
        littleEndian32(image, at, value);
        bigEndian32(image, at + 4, value);
    }

    static void littleEndian32(byte[] image, int at, int value) {
        for (int i = 0; i < 4; i++) {
            image[at + i] = (byte) (value >> (8 * i));
        }
    }

    static void bigEndian32(byte[] image, int at, int value) {
        for (int i = 0; i < 4; i++) {
            image[at + i] = (byte) (value >> (8 * (3 - i)));
        }
    }
}
