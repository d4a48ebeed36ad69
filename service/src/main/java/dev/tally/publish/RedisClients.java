package dev.tally.publish;

import dev.tally.config.RedisConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds the Jedis client a {@link RedisConfig} asks for: {@link RedisClient} for one Redis,
 * {@link RedisSentinelClient} for a Sentinel-managed primary (it follows failovers), {@link RedisClusterClient}
 * for Redis Cluster (it follows slot moves and failovers). Credentials come from the URI or the user/password
 * keys ({@link RedisConfig#effectiveUser()}); TLS trusts {@code tls-ca-file} when set (PEM, host name checked
 * against the certificate), else the JVM's trust store.
 */
public final class RedisClients {
    private RedisClients() {
    }

    /** Thrown when the TLS CA file cannot be read; the message names the file, never a secret. */
    public static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }

    public static UnifiedJedis build(RedisConfig cfg) {
        JedisClientConfig cc = clientConfig(cfg);
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(cfg.mode() == RedisConfig.Mode.CLUSTER ? 4 : 2);
        pool.setMaxWait(cfg.timeout());
        pool.setTestOnBorrow(false);
        return switch (cfg.mode()) {
            case SINGLE -> RedisClient.builder().hostAndPort(cfg.host(), cfg.port()).clientConfig(cc)
                    .poolConfig(pool).build();
            case SENTINEL -> RedisSentinelClient.builder().masterName(cfg.sentinelMaster()).sentinels(nodes(cfg))
                    .clientConfig(cc).sentinelClientConfig(DefaultJedisClientConfig.builder()
                            .autoNegotiateProtocol(false).connectionTimeoutMillis((int) cfg.timeout().toMillis())
                            .socketTimeoutMillis((int) cfg.timeout().toMillis()).build())
                    .poolConfig(pool).build();
            case CLUSTER -> RedisClusterClient.builder().nodes(nodes(cfg)).clientConfig(cc).poolConfig(pool)
                    .maxAttempts(3).maxTotalRetriesDuration(cfg.timeout().multipliedBy(3))
                    .topologyRefreshPeriod(Duration.ofSeconds(5)).build();
        };
    }

    static Set<HostAndPort> nodes(RedisConfig cfg) {
        Set<HostAndPort> out = new LinkedHashSet<>();
        for (String n : cfg.nodes()) {
            out.add(HostAndPort.from(n));
        }
        return out;
    }

    static JedisClientConfig clientConfig(RedisConfig cfg) {
        int timeout = (int) cfg.timeout().toMillis();
        DefaultJedisClientConfig.Builder cc = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).clientName("tally")
                .autoNegotiateProtocol(false)
                .database(cfg.mode() == RedisConfig.Mode.CLUSTER ? 0 : cfg.database());
        String user = cfg.effectiveUser();
        String password = cfg.effectivePassword();
        if (!user.isEmpty()) {
            cc.user(user);
        }
        if (!password.isEmpty()) {
            cc.password(password);
        }
        if (cfg.useTls()) {
            cc.ssl(true);
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            cc.sslParameters(params);
            if (cfg.tlsCaFile() != null) {
                cc.sslSocketFactory(trusting(cfg).getSocketFactory());
            }
        }
        return cc.build();
    }

    /** An SSL context trusting exactly the certificates of the PEM file {@code tls-ca-file}. */
    static SSLContext trusting(RedisConfig cfg) {
        try (InputStream in = Files.newInputStream(cfg.tlsCaFile())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new SetupException("tally.redis.tls-ca-file " + cfg.tlsCaFile()
                        + ": no PEM certificate in it");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("tally.redis.tls-ca-file " + cfg.tlsCaFile() + ": " + e.getMessage());
        }
    }
}
