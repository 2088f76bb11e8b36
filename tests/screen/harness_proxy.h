/*
 * harness_proxy.h - a TCP proxy between the client under test and the
 * database, on loopback, that behaves like a real network: latency each way,
 * limited bandwidth, and a link that can be cut or stalled on command.
 *
 * It runs in a thread of the test process; the client connects to
 * 127.0.0.1:proxy_port() (write that port into its configuration) and the
 * proxy forwards to the upstream port.  Every chunk read from one side is
 * written to the other `delay_ms` later, no faster than the rate allows, in
 * order.  Only loopback addresses are ever used.
 */
#ifndef HRMIS_TESTS_SCREEN_HARNESS_PROXY_H
#define HRMIS_TESTS_SCREEN_HARNESS_PROXY_H

#include <stdbool.h>

struct proxy;

/* Listens on an ephemeral loopback port and forwards to 127.0.0.1:upstream
 * with `delay_ms` each way; NULL (with a message on stderr) on failure. */
struct proxy *proxy_start(int upstream_port, int delay_ms);

/* Stops the thread, closes every connection, frees; sets *proxy to NULL. */
void proxy_stop(struct proxy **proxy);

int proxy_port(const struct proxy *proxy);

/* Latency each way from now on (chunks already queued keep theirs). */
void proxy_set_delay(struct proxy *proxy, int delay_ms);

/* Bytes a second each way; 0 for no limit. */
void proxy_set_rate(struct proxy *proxy, long bytes_per_second);

/* Closes every connection at once (both sides see the link end) and
 * refuses new ones until proxy_restore(). */
void proxy_cut(struct proxy *proxy);

/* Holds every byte from now on, forwarding nothing, until proxy_restore():
 * a link that hangs without closing. */
void proxy_stall(struct proxy *proxy);

/* Accepts and forwards again after a cut or a stall. */
void proxy_restore(struct proxy *proxy);

/* Connections accepted so far, and bytes forwarded from the client to the
 * server and back. */
long proxy_connections(const struct proxy *proxy);
long proxy_bytes_up(const struct proxy *proxy);
long proxy_bytes_down(const struct proxy *proxy);

#endif
