package dev.mcpproxy.core.process;

/** Where a log line came from: the server's stdout (non-protocol lines), its stderr, or the proxy about it. */
public enum LogStream { STDOUT, STDERR, PROXY }
