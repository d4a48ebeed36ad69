package dev.tally.publish;

import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsListener;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.config.RedisConfig;
import dev.tally.lifecycle.Component;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Publishes counts and events to Redis (schema: {@link RedisSchema}, docs/redis.md) from its own thread.
 *
 * <p>Each publish interval is one pipelined round trip: HSET of every absolute count hash, the events script
 * (XADD of each event not seen before, by id), the cross-daemon totals script and a PUBLISH notification.
 * No loss: events are appended to the {@link EventSpool} (fsynced) before they are sent and acknowledged only
 * after Redis confirmed the round trip; while Redis is unreachable counts keep accumulating in analytics,
 * events wait in the spool and attempts back off exponentially ({@link #BACKOFF_MIN} to {@link #BACKOFF_MAX}).
 * When Redis returns, the absolute state is written again and the spool is replayed in batches; a batch sent
 * twice (confirmation lost) is recorded once thanks to the event-id dedupe keys, and counts are absolute
 * (per-daemon values summed by a script), so no retry ever double-adds. The spool is opened in {@link #start}
 * (events still pending from a previous run are sent first); events handed over before start wait in memory.
 *
 * <p>When the spool cannot be written (disk full, I/O error) events wait in memory, in order, up to
 * {@link #MAX_UNSPOOLED_EVENTS} (beyond that the oldest are dropped, counted as overflow and logged); the write
 * is retried every second, and once the spool is empty Redis gets the waiting events straight from memory. The
 * first failure and the recovery are logged once each; events still in memory at shutdown are logged as lost.
 */
public final class RedisPublisher implements CountsListener, Component, PublisherHealth {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPublisher.class);
    static final Duration BACKOFF_MIN = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(10);
    static final int BATCH_EVENTS = 2000;
    static final int REPLAY_ROUNDS_PER_TICK = 25;
    static final long MAX_UNSPOOLED_EVENTS = 100_000;
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
    private RedisClient client;
    /** Hash keys and fields the last confirmed round trip wrote (publisher thread); null before the first. */
    private Map<String, java.util.Set<String>> written;
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

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        spool = new EventSpool(spoolDir, cfg.spoolMaxBytes());
        pendingEvents = spool.pendingEvents();
        client = buildClient(cfg);
        running = true;
        thread = new Thread(this::loop, "tally-redis");
        thread.setDaemon(true);
        thread.start();
        LOG.info("publishing to Redis {} ({}), {} events pending in the spool", cfg.uri(), schema.daemonKey(),
                pendingEvents);
    }

    /**
     * Stops the thread, then makes a final attempt to write the last counts and events (one round trip plus
     * replay, bounded by the socket timeout). What cannot be sent stays in the spool for the next start.
     */
    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(cfg.timeout().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        try {
            spoolHandoff();
            flush();
        } catch (RuntimeException e) {
            LOG.warn("final Redis flush failed: {}", e.toString());
        }
        if (unspooledCount > 0) {
            LOG.error("event spool {} unwritable at shutdown: {} events that Redis did not confirm are lost",
                    spoolDir, unspooledCount);
        }
        if (spool.pendingEvents() > 0) {
            LOG.warn("Redis unreachable at shutdown: {} events stay in the spool for the next start",
                    spool.pendingEvents());
        }
        spool.close();
        client.close();
    }

    static RedisClient buildClient(RedisConfig cfg) {
        int timeout = (int) cfg.timeout().toMillis();
        DefaultJedisClientConfig.Builder cc = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).ssl(cfg.useTls())
                .clientName("tally");
        if (!cfg.user().isEmpty()) {
            cc.user(cfg.user());
        }
        if (!cfg.password().isEmpty()) {
            cc.password(cfg.password());
        }
        String path = cfg.uri().getPath();
        if (path != null && path.length() > 1) {
            cc.database(Integer.parseInt(path.substring(1)));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(2);
        pool.setMaxWait(cfg.timeout());
        return RedisClient.builder().hostAndPort(cfg.host(), cfg.port()).clientConfig(cc.build())
                .poolConfig(pool).build();
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
        long now = System.nanoTime();
        if (now - nextAttempt >= 0 && now - next >= 0) {
            next = now + intervalNanos;
            if (flush()) {
                backoffNanos = BACKOFF_MIN.toNanos();
            } else {
                nextAttempt = System.nanoTime() + backoffNanos;
                backoffNanos = Math.min(backoffNanos * 2, BACKOFF_MAX.toNanos());
            }
        }
        LockSupport.parkNanos(Math.min(intervalNanos, 50_000_000L));
        return next;
    }

    private void spoolHandoff() {
        List<CountEvent> ev;
        while ((ev = handoff.poll()) != null) {
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

    /** One interval's round trip, then replay rounds while a backlog remains; false when Redis failed. */
    private boolean flush() {
        try {
            roundTrip(latest.get());
            for (int i = 0; i < REPLAY_ROUNDS_PER_TICK && (spool.pendingEvents() > 0 || sendFromMemory()); i++) {
                roundTrip(null); // replay of a backlog: events only
            }
            if (!reachable) {
                LOG.info("Redis {} reachable; {} events still pending", cfg.uri(), spool.pendingEvents());
            }
            reachable = true;
            return true;
        } catch (JedisException e) {
            errors.incrementAndGet();
            if (reachable || errors.get() == 1) {
                LOG.warn("Redis {} unreachable, counts keep accumulating and events are spooled: {}", cfg.uri(),
                        e.getMessage());
            }
            reachable = false;
            return false;
        } finally {
            pendingEvents = spool.pendingEvents() + unspooledCount;
            spoolBytes = spool.pendingBytes();
        }
    }

    /** Whether events wait in memory with the spool unwritable and empty (so sending them keeps the order). */
    private boolean sendFromMemory() {
        return spoolFailing && !unspooled.isEmpty() && spool.pendingEvents() == 0;
    }

    private void roundTrip(CountsSnapshot snap) {
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
        if (snap == null && events.isEmpty()) {
            client.ping(); // nothing to write yet: still learn whether Redis is reachable
            return;
        }
        Response<Object> ev = null;
        Response<Object> totals = null;
        Map<String, Map<String, String>> hashes = snap == null ? null : schema.hashes(snap);
        try (Pipeline p = (Pipeline) client.pipelined()) {
            if (snap != null) {
                // keys and fields of cameras, lines, zones and rules that a reload removed go away
                RedisSchema.retired(written, hashes).forEach((key, fields) -> {
                    if (fields == null) {
                        p.del(key);
                    } else {
                        p.hdel(key, fields.toArray(new String[0]));
                    }
                });
                for (Map.Entry<String, Map<String, String>> h : hashes.entrySet()) {
                    p.hset(h.getKey(), h.getValue());
                }
                totals = p.eval(RedisSchema.TOTALS_SCRIPT, List.of(schema.daemonsKey(), schema.siteTotalsKey()),
                        List.of(schema.daemonKey(), Long.toString(snap.takenAtMillis())));
            }
            if (!events.isEmpty()) {
                ev = p.eval(RedisSchema.EVENTS_SCRIPT, List.of(schema.eventsKey()),
                        schema.eventArgs(events, cfg.streamMaxLen()));
            }
            p.publish(schema.notifyChannel(), schema.notification(events.size()));
            p.sync();
        }
        if (totals != null) {
            totals.get();
        }
        if (hashes != null) {
            Map<String, java.util.Set<String>> w = new java.util.HashMap<>();
            hashes.forEach((k, v) -> w.put(k, java.util.Set.copyOf(v.keySet())));
            written = w;
        }
        if (ev != null) {
            ev.get();
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

    public RedisSchema schema() {
        return schema;
    }
}
