package dev.berth.broker.idempotency;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called by a mutation inside its transaction with its result, so the idempotent response
 * is stored atomically with the change. A no-op when the request carried no key.
 */
@FunctionalInterface
public interface Recorder<T> {

    void record(Connection c, T result) throws SQLException;

    static <T> Recorder<T> none() {
        return (c, result) -> { };
    }
}
