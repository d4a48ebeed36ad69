package dev.tally.config;

/** The HTTP endpoint serving /metrics, /healthz, /readyz and the status page. */
public record HttpConfig(boolean enabled, String bind, int port) {}
