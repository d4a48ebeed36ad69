package dev.tally.publish;

import dev.tally.TallyException;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsListener;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.config.RedisConfig;
import dev.tally.lifecycle.Component;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Publishes counts and events to Redis (schema: {@link RedisSchema}, docs/redis.md) from its own thread.
 *
 * <p>Each publish interval is one script call (one round trip; on Redis Cluster all keys of a site share one
 * slot): the interval's {@link Publication} (this run's counters and the live values), the events not yet
 * confirmed, and a notification. Counts are exact and continuous: Redis adds each publication's difference to
 * the last one of the same daemon run it applied, so totals carry on across restarts and crashes, a retried
 * publication adds nothing, and hourly/daily buckets get each increase once. Events are appended to the
 * {@link EventSpool} (fsynced) before they are sent, acknowledged only after Redis confirmed (and, with
 * {@code wait-replicas}, after that many replicas hold them), and recorded once by their number within camera
 * and run. Publications not confirmed yet are kept, one per hour at most, in {@code publisher.state}
 * ({@link PublisherState}) with the open zone stays and raised rules; after a kill the next start sends them
 * first and ends the killed run (zone exits and rule clears with cause {@code restart}, live values zero).
 *
 * <p>While Redis is unreachable counts keep accumulating in analytics, events wait in the spool and attempts
 * back off exponentially ({@link #BACKOFF_MIN} to {@link #BACKOFF_MAX}). When the spool cannot be written (disk
 * full, I/O error) events wait in memory, in order, up to {@link #MAX_UNSPOOLED_EVENTS} (beyond that the oldest
 * are dropped, counted as overflow and logged); the write is retried every second, and once the spool is empty
 * Redis gets the waiting events straight from memory. Nothing logged names a password.
 */
public final class RedisPublisher implements CountsListener, Component, PublisherHealth {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPublisher.class);
    static final Duration BACKOFF_MIN = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(10);
    static final int BATCH_EVENTS = 2000;
    static final int REPLAY_ROUNDS_PER_TICK = 25;
    static final long MAX_UNSPOOLED_EVENTS = 100_000;
    /** Unconfirmed publications kept (one per hour bucket; beyond, the oldest of the same run is folded in). */
    static final int MAX_PENDING_PUBLICATIONS = 24 * 40;
    private static final long SPOOL_RETRY_NANOS = 1_000_000_000L;

    private final RedisConfig cfg;
    private final RedisSchema schema;
    private final Path spoolDir;
    private EventSpool spool;
    private final long intervalNanos;
    private final AtomicReference<CountsSnapshot> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<List<CountEvent>> handoff = new ConcurrentLinkedQueue<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean reachable;
    /** Cameras whose {@code :now} hash the last publication wrote (publisher thread only). */
    private java.util.Set<String> liveCameras = java.util.Set.of();
    private volatile long pendingEvents;
    private volatile long spoolBytes;
    private volatile long spoolOverflow;
    // events not (yet) in the spool because it could not be written; publisher thread only
    private final java.util.ArrayDeque<List<CountEvent>> unspooled = new java.util.ArrayDeque<>();
    private long unspooledCount;
    private long droppedUnspooled;
    private boolean spoolFailing;
    private long nextSpoolTry;
    private long nextDropLog = System.nanoTime();
    private final AtomicLong spoolWriteErrors = new AtomicLong();
    private volatile long unspooledEvents;
    private volatile boolean spoolUnwritable;
    private volatile boolean running;
    private PublisherState state;
    private boolean stateDirty;
    private boolean stateSaveFailing;
    private boolean siteRegistered;
    private volatile String lastError = "";
    private volatile long downSinceMillis;
    private volatile String lastOutage = "";
    private volatile UnifiedJedis client;
    private Thread thread;
    private long backoffNanos = BACKOFF_MIN.toNanos();
    private long nextAttempt;

    public RedisPublisher(RedisConfig cfg, RedisSchema schema, Path spoolDir) {
        this.cfg = cfg;
        this.schema = schema;
        this.spoolDir = spoolDir;
        this.intervalNanos = cfg.publishInterval().toNanos();
    }

    /** Default daemon id: site and host name. */
    public static String defaultDaemonId(String site) {
        try {
            return site + "@" + InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return site + "@localhost";
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void onCounts(CountsSnapshot snapshot, List<CountEvent> events) {
        latest.set(snapshot);
        if (!events.isEmpty()) {
            handoff.add(events);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Opens the spool and the saved state: publications a previous run could not deliver are sent first, and a
     * run that was killed is ended (zone exits and rule clears with cause {@code restart}). Then starts the
     * thread. A TLS CA file that cannot be used is a config error (one line, exit code 2).
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (cfg.useTls() && cfg.tlsCaFile() != null) {
            try {
                RedisClients.trusting(cfg);
            } catch (RedisClients.SetupException e) {
                throw TallyException.badConfig(e.getMessage());
            }
        }
        spool = new EventSpool(spoolDir, cfg.spoolMaxBytes());
        resume();
        pendingEvents = spool.pendingEvents() + unspooledCount;
        running = true;
        thread = new Thread(this::loop, "tally-redis");
        thread.setDaemon(true);
        thread.start();
        LOG.info("publishing to Redis {} ({}), {} events and {} publications pending", cfg.describe(),
                schema.daemonKey(), pendingEvents, state.pending.size());
    }

    private void resume() {
        PublisherState prev;
        try {
            prev = PublisherState.load(spoolDir);
        } catch (IOException e) {
            LOG.error("publisher state unreadable ({}); counts of the previous run that Redis did not confirm are "
                    + "lost, its live state is not ended", e.getMessage());
            prev = null;
        }
        state = new PublisherState();
        state.run = Math.max(System.currentTimeMillis(), prev == null ? 0 : prev.run + 1);
        if (prev != null) {
            state.pending.addAll(prev.pending);
            if (!prev.clean) {
                Map<String, Map<String, Long>> adds = new LinkedHashMap<>();
                List<CountEvent> closing = prev.closingEvents(schema.site, adds);
                if (prev.last != null) {
                    addPending(prev.last.closing(prev.lastTakenAt, adds));
                }
                if (!closing.isEmpty()) {
                    unspooled.add(closing);
                    unspooledCount += closing.size();
                    spoolHandoffNow();
                }
                LOG.warn("the previous run ({}) did not stop cleanly: ended it with {} zone exits and rule clears "
                        + "(cause restart)", Instant.ofEpochMilli(prev.run), closing.size());
            }
        }
        stateDirty = true;
        saveState();
    }

    /**
     * Stops the thread, then makes a final attempt to write the last counts and events (bounded by the socket
     * timeout), and records that the run ended cleanly. What cannot be sent stays in the spool and the state file
     * for the next start.
     */
    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(cfg.timeout().toMillis() * 4 + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        try {
            spoolHandoff();
            takeSnapshot();
            state.clean = true;
            stateDirty = true;
            saveState();
            flush();
        } catch (RuntimeException e) {
            LOG.warn("final Redis flush failed: {}", e.toString());
        }
        saveState();
        if (unspooledCount > 0) {
            LOG.error("event spool {} unwritable at shutdown: {} events that Redis did not confirm are lost",
                    spoolDir, unspooledCount);
        }
        if (spool.pendingEvents() > 0 || !state.pending.isEmpty()) {
            LOG.warn("Redis unreachable at shutdown: {} events and {} publications stay for the next start",
                    spool.pendingEvents(), state.pending.size());
        }
        spool.close();
        UnifiedJedis c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    /** @deprecated use {@link RedisClients#build}; kept for callers reading what a daemon wrote. */
    @Deprecated
    static UnifiedJedis buildClient(RedisConfig cfg) {
        return RedisClients.build(cfg);
    }

    // ---------------------------------------------------------------- publisher thread

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            try {
                next = tick(next);
            } catch (RuntimeException e) { // e.g. the spool unreadable: never let the publisher thread die
                errors.incrementAndGet();
                LOG.error("Redis publisher: {}; retrying in 1 s", e.toString());
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    /** One pass of the publisher thread; returns when the next interval's round trip is due. */
    private long tick(long next) {
        spoolHandoff();
        takeSnapshot();
        saveState();
        long now = System.nanoTime();
        if (now - nextAttempt >= 0 && now - next >= 0) {
            next = now + intervalNanos;
            if (flush()) {
                backoffNanos = BACKOFF_MIN.toNanos();
            } else {
                nextAttempt = System.nanoTime() + backoffNanos;
                backoffNanos = Math.min(backoffNanos * 2, BACKOFF_MAX.toNanos());
            }
            saveState();
        }
        LockSupport.parkNanos(Math.min(intervalNanos, 50_000_000L));
        return next;
    }

    /** Turns a new snapshot into this run's next publication. */
    private void takeSnapshot() {
        CountsSnapshot snap = latest.getAndSet(null);
        if (snap == null) {
            return;
        }
        Publication pub = Publication.of(state.run, ++state.seq, snap);
        state.last = pub;
        state.lastTakenAt = snap.takenAtMillis();
        addPending(pub);
        stateDirty = true;
    }

    /** Queues a publication; one of the same run and hour replaces the one before it (it includes it). */
    private void addPending(Publication pub) {
        Publication tail = state.pending.peekLast();
        if (tail != null && tail.run() == pub.run()
                && schema.hour(tail.takenAtMillis()).equals(schema.hour(pub.takenAtMillis()))) {
            state.pending.pollLast();
        }
        state.pending.add(pub);
        while (state.pending.size() > MAX_PENDING_PUBLICATIONS) {
            Publication first = state.pending.poll();
            Publication second = state.pending.peek();
            if (second != null && second.run() != first.run()) { // keep a run's last publication
                state.pending.poll();
                state.pending.addFirst(first);
            }
        }
    }

    private void saveState() {
        if (!stateDirty) {
            return;
        }
        try {
            state.save(spoolDir);
            stateDirty = false;
            if (stateSaveFailing) {
                stateSaveFailing = false;
                LOG.info("publisher state {} writable again", PublisherState.file(spoolDir));
            }
        } catch (IOException e) {
            if (!stateSaveFailing) {
                stateSaveFailing = true;
                LOG.error("publisher state {} cannot be written ({}); retried every interval",
                        PublisherState.file(spoolDir), e.getMessage());
            }
        }
    }

    private void spoolHandoffNow() {
        try {
            spool.append(unspooled.peek());
            unspooledCount -= unspooled.poll().size();
        } catch (IOException e) {
            spoolWriteErrors.incrementAndGet();
        }
    }

    private void spoolHandoff() {
        List<CountEvent> ev;
        while ((ev = handoff.poll()) != null) {
            state.track(ev);
            stateDirty = true;
            unspooled.add(ev);
            unspooledCount += ev.size();
        }
        long now = System.nanoTime();
        if (!spoolFailing || now - nextSpoolTry >= 0) {
            while (!unspooled.isEmpty()) {
                try {
                    spool.append(unspooled.peek());
                } catch (java.io.IOException e) {
                    spoolWriteErrors.incrementAndGet();
                    nextSpoolTry = now + SPOOL_RETRY_NANOS;
                    if (!spoolFailing) {
                        spoolFailing = true;
                        LOG.error("event spool {} cannot be written ({}): events wait in memory (up to {}) and go "
                                + "to Redis from there until it can", spoolDir, e.getMessage(), MAX_UNSPOOLED_EVENTS);
                    }
                    break;
                }
                unspooledCount -= unspooled.poll().size();
                if (spoolFailing) {
                    spoolFailing = false;
                    LOG.info("event spool {} writable again", spoolDir);
                }
            }
        }
        long droppedBefore = droppedUnspooled;
        while (unspooledCount > MAX_UNSPOOLED_EVENTS) {
            int n = unspooled.poll().size();
            unspooledCount -= n;
            droppedUnspooled += n;
        }
        if (droppedUnspooled > droppedBefore && now - nextDropLog >= 0) { // at most once a minute
            nextDropLog = now + 60_000_000_000L;
            LOG.error("event spool {} unwritable and Redis unreachable with {} events in memory: oldest events "
                    + "dropped, {} so far (tally_redis_spool_overflow_total)", spoolDir, MAX_UNSPOOLED_EVENTS,
                    droppedUnspooled);
        }
        unspooledEvents = unspooledCount;
        spoolUnwritable = spoolFailing;
        pendingEvents = spool.pendingEvents() + unspooledCount;
        spoolBytes = spool.pendingBytes();
        spoolOverflow = spool.overflow() + droppedUnspooled;
    }

    /** Every pending publication and one batch of events per round trip, then replay rounds; false on failure. */
    private boolean flush() {
        try {
            UnifiedJedis c = client();
            if (!siteRegistered) {
                c.sadd(schema.sitesKey(), schema.site);
                siteRegistered = true;
            }
            boolean sentAny = false;
            while (!state.pending.isEmpty()) {
                roundTrip(c, state.pending.peek());
                state.pending.poll();
                stateDirty = true;
                sentAny = true;
            }
            for (int i = 0; i < REPLAY_ROUNDS_PER_TICK && (spool.pendingEvents() > 0 || sendFromMemory()); i++) {
                roundTrip(c, null); // events only
                sentAny = true;
            }
            if (!sentAny) {
                c.exists(schema.runKey()); // nothing to write: still learn whether the site's node answers
            }
            if (!reachable) {
                long down = downSinceMillis;
                if (down > 0) {
                    lastOutage = "unreachable from " + Instant.ofEpochMilli(down) + " for "
                            + (System.currentTimeMillis() - down) + " ms: " + lastError;
                }
                LOG.info("Redis {} reachable; {} events still pending", cfg.describe(), spool.pendingEvents());
            }
            reachable = true;
            downSinceMillis = 0;
            return true;
        } catch (JedisException | IllegalStateException e) {
            errors.incrementAndGet();
            lastError = describe(e);
            if (reachable || errors.get() == 1) {
                downSinceMillis = System.currentTimeMillis();
                LOG.warn("Redis {} unreachable, counts keep accumulating and events are spooled: {}",
                        cfg.describe(), lastError);
            }
            reachable = false;
            return false;
        } finally {
            pendingEvents = spool.pendingEvents() + unspooledCount;
            spoolBytes = spool.pendingBytes();
        }
    }

    /** The client, built on first use (Sentinel and Cluster clients contact their nodes when built). */
    private UnifiedJedis client() {
        UnifiedJedis c = client;
        if (c == null) {
            c = RedisClients.build(cfg);
            client = c;
        }
        return c;
    }

    /** An exception as one line without secrets (Jedis messages carry none; the URI is never part of them). */
    private String describe(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String pw = cfg.effectivePassword();
        if (!pw.isEmpty()) {
            m = m.replace(pw, dev.tally.config.Masking.MASK);
        }
        return e.getClass().getSimpleName() + ": " + m.replace('\n', ' ');
    }

    /** Whether events wait in memory with the spool unwritable and empty (so sending them keeps the order). */
    private boolean sendFromMemory() {
        return spoolFailing && !unspooled.isEmpty() && spool.pendingEvents() == 0;
    }

    private void roundTrip(UnifiedJedis c, Publication pub) {
        EventSpool.Batch batch = spool.read(BATCH_EVENTS);
        List<CountEvent> events = batch.events();
        int fromMemory = 0;
        if (events.isEmpty() && sendFromMemory()) {
            List<CountEvent> direct = new java.util.ArrayList<>();
            for (List<CountEvent> l : unspooled) {
                if (!direct.isEmpty() && direct.size() + l.size() > BATCH_EVENTS) {
                    break;
                }
                direct.addAll(l);
                fromMemory++;
            }
            events = direct;
        }
        List<List<String>> ka = schema.scriptArgs(pub, events, cfg.streamMaxLen(), cfg.hourBucketTtl().toSeconds(),
                cfg.dayBucketTtl().toSeconds());
        c.eval(RedisSchema.PUBLISH_SCRIPT, ka.get(0), ka.get(1));
        if (pub != null) {
            retireLiveHashes(c, pub);
        }
        if (cfg.waitReplicas() > 0) {
            long acked = c.waitReplicas(schema.runKey(), cfg.waitReplicas(), cfg.timeout().toMillis());
            if (acked < cfg.waitReplicas()) {
                throw new JedisException("publish reached " + acked + " of " + cfg.waitReplicas()
                        + " replicas (wait-replicas); sent again");
            }
        }
        if (!events.isEmpty()) {
            if (fromMemory > 0) {
                for (int i = 0; i < fromMemory; i++) {
                    unspooledCount -= unspooled.poll().size();
                }
                unspooledEvents = unspooledCount;
            } else {
                spool.ack(batch);
            }
            published.addAndGet(events.size());
        }
    }

    /**
     * A camera that left the configuration (a reload) no longer has live values: its {@code :now} hash goes. Its
     * counters ({@code :totals}, hour and day buckets) stay, since they are part of the site's continuous totals.
     */
    private void retireLiveHashes(UnifiedJedis c, Publication pub) {
        java.util.Set<String> now = new java.util.HashSet<>();
        for (Publication.Camera cam : pub.cameras()) {
            now.add(cam.id());
        }
        for (String gone : liveCameras) {
            if (!now.contains(gone)) {
                c.del(schema.nowKey(gone));
            }
        }
        liveCameras = now;
    }

    // ---------------------------------------------------------------- state for metrics and readiness

    public boolean reachable() {
        return reachable;
    }

    public long publishErrors() {
        return errors.get();
    }

    /** Events not yet confirmed by Redis: in the spool, or in memory while the spool cannot be written. */
    public long pendingEvents() {
        return pendingEvents;
    }

    public long spoolBytes() {
        return spoolBytes;
    }

    /** Events refused because the spool was full, or dropped from memory while it could not be written. */
    public long spoolOverflow() {
        return spoolOverflow;
    }

    /** Whether the last attempt to write the spool failed (disk full, I/O error). */
    public boolean spoolUnwritable() {
        return spoolUnwritable;
    }

    /** Failed attempts to write the spool (disk full, I/O error); retried every second. */
    public long spoolWriteErrors() {
        return spoolWriteErrors.get();
    }

    /** Events waiting in memory because the spool could not be written (also in {@link #pendingEvents()}). */
    public long unspooledEvents() {
        return unspooledEvents;
    }

    /** Events confirmed by Redis since start (replays of the same id included once per send). */
    public long publishedEvents() {
        return published.get();
    }

    /** The last Redis error while it is unreachable ("" when reachable); never holds a password. */
    public String lastError() {
        return reachable ? "" : lastError;
    }

    /** The last outage that ended: when, how long, and the error ("" if none since start). */
    public String lastOutage() {
        return lastOutage;
    }

    public RedisSchema schema() {
        return schema;
    }
}
