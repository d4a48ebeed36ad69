package dev.tally.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks systemd's notify protocol when Tally runs under {@code Type=notify}: READY=1 once the pipeline plays,
 * then WATCHDOG=1 every half watchdog period <em>only while frames flow</em> (the processed-frame counter
 * advanced since the last check), so systemd restarts a hung pipeline; STATUS= carries the frame rate.
 * Outside systemd ({@code $NOTIFY_SOCKET} unset) {@link #create} returns a no-op notifier.
 */
public class SystemdNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

    private final UnixDatagram socket;
    private final Duration watchdogPeriod;
    private final LongSupplier framesProcessed;
    private ScheduledExecutorService timer;
    private long lastFrames = -1;
    private long lastCheckNanos;
    private boolean stalledLogged;

    SystemdNotifier(UnixDatagram socket, Duration watchdogPeriod, LongSupplier framesProcessed) {
        this.socket = socket;
        this.watchdogPeriod = watchdogPeriod;
        this.framesProcessed = framesProcessed;
    }

    /**
     * Reads NOTIFY_SOCKET and WATCHDOG_USEC from the environment.
     *
     * @param framesProcessed total frames processed by the pipeline so far (all cameras)
     */
    public static SystemdNotifier create(LongSupplier framesProcessed) {
        String path = System.getenv("NOTIFY_SOCKET");
        if (path == null || path.isEmpty()) {
            return new SystemdNotifier(null, null, framesProcessed);
        }
        Duration watchdog = null;
        String usec = System.getenv("WATCHDOG_USEC");
        String pid = System.getenv("WATCHDOG_PID");
        boolean forUs = pid == null || pid.equals(Long.toString(ProcessHandle.current().pid()));
        if (usec != null && forUs) {
            try {
                watchdog = Duration.ofNanos(Long.parseLong(usec.trim()) * 1000);
            } catch (NumberFormatException e) {
                LOG.warn("ignoring malformed WATCHDOG_USEC={}", usec);
            }
        }
        try {
            return new SystemdNotifier(UnixDatagram.connectTo(path), watchdog, framesProcessed);
        } catch (IOException e) {
            LOG.warn("systemd notify socket {} unusable: {}", path, e.getMessage());
            return new SystemdNotifier(null, null, framesProcessed);
        }
    }

    public boolean active() {
        return socket != null;
    }

    /** Tells systemd start-up finished and starts the watchdog timer (if WatchdogSec is set). */
    public synchronized void ready() {
        send("READY=1\nSTATUS=pipeline playing");
        if (socket != null && watchdogPeriod != null && timer == null) {
            long periodMs = Math.max(100, watchdogPeriod.toMillis() / 2);
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tally-watchdog");
                t.setDaemon(true);
                return t;
            });
            lastCheckNanos = System.nanoTime();
            timer.scheduleAtFixedRate(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    /** One watchdog check: pets systemd only if frames advanced since the previous check. */
    synchronized void tick() {
        long now = System.nanoTime();
        long frames = framesProcessed.getAsLong();
        double seconds = (now - lastCheckNanos) / 1e9;
        if (lastFrames >= 0 && frames == lastFrames) {
            if (!stalledLogged) {
                LOG.warn("no frames processed for {} s: withholding the systemd watchdog", String.format("%.1f", seconds));
                stalledLogged = true;
            }
            send("STATUS=stalled: no frames processed");
        } else {
            double fps = lastFrames < 0 || seconds <= 0 ? 0 : (frames - lastFrames) / seconds;
            send("WATCHDOG=1\nSTATUS=" + String.format("%.1f", fps) + " frames/s processed");
            if (stalledLogged) {
                LOG.info("frames flowing again");
                stalledLogged = false;
            }
        }
        lastFrames = frames;
        lastCheckNanos = now;
    }

    public void stopping() {
        send("STOPPING=1\nSTATUS=stopping");
    }

    private void send(String message) {
        if (socket == null) {
            return;
        }
        try {
            socket.send(message);
        } catch (IOException e) {
            LOG.debug("notify failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (socket != null) {
            socket.close();
        }
    }
}
