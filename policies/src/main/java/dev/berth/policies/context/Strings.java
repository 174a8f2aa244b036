package dev.berth.policies.context;

final class Strings {

    private Strings() {
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
