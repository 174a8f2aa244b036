package dev.berth.broker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP endpoint on 127.0.0.1 forwarding to the local Docker socket: a Docker host the test
 * can switch off, to see what Berth does when an engine stops answering, or hold, to make an
 * engine call last as long as the test needs (a slow image pull, say). {@link #toLoopbackPort}
 * forwards to another loopback TCP server instead — the local image registry, which the test
 * can then hold mid-pull or "kill" by closing the proxy.
 */
public final class DockerSocketProxy implements AutoCloseable {

    private interface Upstream {
        SocketChannel open() throws IOException;
    }

    private final Upstream upstream;
    private final ServerSocket server;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean holding;

    public DockerSocketProxy() throws IOException {
        this(() -> {
            SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
            engine.connect(UnixDomainSocketAddress.of(Path.of("/var/run/docker.sock")));
            return engine;
        });
    }

    /** A proxy to {@code 127.0.0.1:port}. */
    public static DockerSocketProxy toLoopbackPort(int port) throws IOException {
        return new DockerSocketProxy(() -> SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }

    private DockerSocketProxy(Upstream upstream) throws IOException {
        this.upstream = upstream;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "docker-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String endpoint() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SocketChannel engine = upstream.open();
                open.add(client);
                open.add(engine);
                // Channel read and write directly: the Channels.newXxxStream adapters share one
                // lock per channel, which deadlocks a full-duplex pump.
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                start(() -> {
                    byte[] buf = new byte[16384];
                    int n;
                    while ((n = fromClient.read(buf)) >= 0) {
                        awaitGate();
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                        while (bb.hasRemaining()) {
                            engine.write(bb);
                        }
                    }
                    engine.shutdownOutput();
                });
                start(() -> {
                    ByteBuffer bb = ByteBuffer.allocate(16384);
                    while (engine.read(bb) >= 0) {
                        toClient.write(bb.array(), 0, bb.position());
                        toClient.flush();
                        bb.clear();
                    }
                    client.shutdownOutput();
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** From now on, requests are held (not forwarded) until {@link #release()}: engine calls hang. */
    public void hold() {
        synchronized (gate) {
            holding = true;
        }
    }

    /** Forwards the held requests and everything after them. */
    public void release() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    private void awaitGate() throws IOException {
        synchronized (gate) {
            while (holding) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static void start(Pump pump) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException ignored) {
                // connection closed by either side
            }
        }, "docker-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Stops accepting and drops every open connection: the "engine" is gone. */
    @Override
    public void close() {
        release();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }
}
