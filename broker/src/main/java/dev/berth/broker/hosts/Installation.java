package dev.berth.broker.hosts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import dev.berth.broker.db.Database;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This Berth installation's identity: one id per database ({@code berth_installation}, V15),
 * put on every provider object as label/tag {@code berth.installation}. Replicas of one
 * installation share it; a restored database keeps it; two installations on one Docker
 * engine (or AWS account) have different ones, so neither removes the other's objects as
 * orphans.
 */
@ApplicationScoped
public class Installation {

    private final Database db;
    private volatile String id;

    Installation(Database db) {
        this.db = db;
    }

    public String id() {
        String known = id;
        if (known == null) {
            known = db.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id::text FROM berth_installation");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            id = known;
        }
        return known;
    }
}
