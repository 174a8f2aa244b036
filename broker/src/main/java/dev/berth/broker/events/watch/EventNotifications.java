package dev.berth.broker.events.watch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.berth.broker.events.EventLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The replica's one {@code LISTEN} on {@link EventLog#CHANNEL}, fanned out in process to every
 * open watch whose scope may cover the notified tenant. PostgreSQL sends the notification when
 * the appending transaction commits, whichever replica committed it. A notification only wakes
 * a watch up: the watch then reads {@code id > last sent} from the table, so a lost or coalesced
 * notification costs latency, never an event. After a (re)connect every watch is woken, since
 * notifications raised while nobody listened are gone.
 *
 * <p>The connection is borrowed from the pool for the replica's lifetime (one of
 * {@code quarkus.datasource.jdbc.max-size}), so it has the pool's credentials and TLS settings.
 */
@ApplicationScoped
public class EventNotifications {

    /** One watch as the listener sees it. */
    interface Listener {
        boolean covers(String tenant);

        void wake();
    }

    private static final Logger LOG = Logger.getLogger(EventNotifications.class);

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final DataSource dataSource;
    private final WatchConfig config;
    private volatile boolean running;
    private Thread thread;

    EventNotifications(DataSource dataSource, WatchConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "berth-event-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    void add(Listener listener) {
        listeners.add(listener);
    }

    void remove(Listener listener) {
        listeners.remove(listener);
    }

    private void listen() {
        int pollMillis = (int) Math.max(1, config.listenPoll().toMillis());
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + EventLog.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listeners.forEach(Listener::wake);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(pollMillis);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            wake(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("event listener lost its connection (%s); reconnecting", e.getMessage());
                    sleep(pollMillis);
                }
            }
        }
    }

    private void wake(String tenant) {
        for (Listener l : listeners) {
            if (l.covers(tenant)) {
                l.wake();
            }
        }
    }

    private void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
