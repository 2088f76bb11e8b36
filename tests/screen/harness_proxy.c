/* harness_proxy.c - a loopback TCP proxy with latency, bandwidth, cut and stall. */
#include "harness_proxy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* BUFFER: bytes a direction holds before it stops reading, as a real link's
 * buffers fill: the sender then finds its socket full. */
enum { MAX_LINKS = 16, CHUNK = 16384, BUFFER = 256 * 1024 };

/* Bytes read from one side, due on the other at `due` (monotonic ms). */
struct chunk {
	struct chunk *next;
	long due;
	size_t len, off;
	char data[];
};

/* One direction of a link: read from `from`, written to `to`. */
struct flow {
	int from, to;
	struct chunk *head, *tail;
	long busy_until; /* when the bandwidth allows the next byte */
	size_t queued;   /* bytes read and not written yet */
	bool eof;        /* `from` closed: shut `to` down once drained */
};

struct link {
	bool open;
	struct flow up, down; /* client to server, server to client */
};

struct proxy {
	pthread_t thread;
	pthread_mutex_t lock;
	int listener, port, upstream, wake[2];
	int delay_ms;
	long rate;
	bool cut, stalled, stopping;
	long connections, bytes_up, bytes_down;
	struct link links[MAX_LINKS];
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nonblocking(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void flow_clear(struct flow *flow)
{
	while (flow->head != NULL) {
		struct chunk *next = flow->head->next;

		free(flow->head);
		flow->head = next;
	}
	flow->tail = NULL;
}

static void link_close(struct link *link)
{
	if (!link->open)
		return;
	close(link->up.from);
	close(link->down.from);
	flow_clear(&link->up);
	flow_clear(&link->down);
	memset(link, 0, sizeof *link);
}

static void wake(struct proxy *proxy)
{
	char byte = 1;

	if (write(proxy->wake[1], &byte, 1) < 0) {
		/* the pipe is full: the thread is awake already */
	}
}

/* Connects to the upstream port; -1 on failure. */
static int dial(int port)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	nonblocking(fd);
	return fd;
}

static void accept_one(struct proxy *proxy)
{
	int client = accept(proxy->listener, NULL, NULL), server, one = 1;

	if (client < 0)
		return;
	if (proxy->cut || (server = dial(proxy->upstream)) < 0) {
		close(client);
		return;
	}
	setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	nonblocking(client);
	for (int i = 0; i < MAX_LINKS; i++) {
		struct link *link = &proxy->links[i];

		if (link->open)
			continue;
		link->open = true;
		link->up = (struct flow){ .from = client, .to = server };
		link->down = (struct flow){ .from = server, .to = client };
		proxy->connections++;
		return;
	}
	close(client);
	close(server);
}

/* Reads what `from` has and queues it; false when the link must close. */
static bool flow_read(struct proxy *proxy, struct flow *flow, long *counter)
{
	char buf[CHUNK];
	ssize_t n = read(flow->from, buf, sizeof buf);
	struct chunk *chunk;
	long start;

	if (n == 0) {
		flow->eof = true;
		return true;
	}
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	chunk = malloc(sizeof *chunk + (size_t)n);
	if (chunk == NULL)
		return false;
	memcpy(chunk->data, buf, (size_t)n);
	chunk->len = (size_t)n;
	chunk->off = 0;
	chunk->next = NULL;
	start = now_ms() + proxy->delay_ms;
	if (start < flow->busy_until)
		start = flow->busy_until;
	chunk->due = start;
	if (proxy->rate > 0)
		flow->busy_until = start + (long)((double)n * 1000.0 / (double)proxy->rate);
	if (flow->tail)
		flow->tail->next = chunk;
	else
		flow->head = chunk;
	flow->tail = chunk;
	*counter += n;
	flow->queued += (size_t)n;
	return true;
}

/* Writes every chunk that is due; false when the link must close. */
static bool flow_write(struct proxy *proxy, struct flow *flow)
{
	long now = now_ms();

	while (!proxy->stalled && flow->head != NULL && flow->head->due <= now) {
		struct chunk *chunk = flow->head;
		/* MSG_NOSIGNAL: a side that went away ends the link, not the test. */
		ssize_t n = send(flow->to, chunk->data + chunk->off, chunk->len - chunk->off,
		                 MSG_NOSIGNAL);

		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		chunk->off += (size_t)n;
		flow->queued -= (size_t)n;
		if (chunk->off < chunk->len)
			return true;
		flow->head = chunk->next;
		if (flow->head == NULL)
			flow->tail = NULL;
		free(chunk);
	}
	if (flow->eof && flow->head == NULL)
		return false;
	return true;
}

/* Milliseconds until the next chunk falls due, -1 for none. */
static int next_due(const struct proxy *proxy)
{
	long best = -1, now = now_ms();

	if (proxy->stalled)
		return -1;
	for (int i = 0; i < MAX_LINKS; i++) {
		const struct link *link = &proxy->links[i];
		const struct flow *flows[2] = { &link->up, &link->down };

		if (!link->open)
			continue;
		for (int f = 0; f < 2; f++)
			if (flows[f]->head != NULL) {
				long left = flows[f]->head->due - now;

				if (left < 0)
					left = 0;
				if (best < 0 || left < best)
					best = left;
			}
	}
	return (int)best;
}

static void *run(void *arg)
{
	struct proxy *proxy = arg;

	for (;;) {
		struct pollfd fds[2 + 2 * MAX_LINKS];
		int owner[2 + 2 * MAX_LINKS], nfds = 0, timeout;
		char sink[64];

		pthread_mutex_lock(&proxy->lock);
		if (proxy->stopping) {
			pthread_mutex_unlock(&proxy->lock);
			return NULL;
		}
		if (proxy->cut)
			for (int i = 0; i < MAX_LINKS; i++)
				link_close(&proxy->links[i]);
		fds[nfds++] = (struct pollfd){ .fd = proxy->wake[0], .events = POLLIN };
		fds[nfds++] = (struct pollfd){ .fd = proxy->listener, .events = POLLIN };
		for (int i = 0; i < MAX_LINKS; i++) {
			struct link *link = &proxy->links[i];

			if (!link->open)
				continue;
			owner[nfds] = i;
			fds[nfds++] = (struct pollfd){
				.fd = link->up.from,
				.events = (short)((link->up.eof || link->up.queued >= BUFFER ? 0 : POLLIN) |
				                  (link->down.head && !proxy->stalled ? POLLOUT : 0))
			};
			owner[nfds] = i;
			fds[nfds++] = (struct pollfd){
				.fd = link->down.from,
				.events = (short)((link->down.eof || link->down.queued >= BUFFER ? 0 : POLLIN) |
				                  (link->up.head && !proxy->stalled ? POLLOUT : 0))
			};
		}
		timeout = next_due(proxy);
		pthread_mutex_unlock(&proxy->lock);

		if (poll(fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR)
			return NULL;

		pthread_mutex_lock(&proxy->lock);
		while (read(proxy->wake[0], sink, sizeof sink) > 0)
			;
		if (fds[1].revents & POLLIN)
			accept_one(proxy);
		for (int k = 2; k < nfds; k++) {
			struct link *link = &proxy->links[owner[k]];
			bool client_side = (k % 2) == 0;
			struct flow *in = client_side ? &link->up : &link->down;
			long *counter = client_side ? &proxy->bytes_up : &proxy->bytes_down;

			if (!link->open || fds[k].fd != in->from)
				continue;
			if ((fds[k].revents & (POLLIN | POLLHUP | POLLERR)) && !in->eof &&
			    !flow_read(proxy, in, counter))
				link_close(link);
		}
		for (int i = 0; i < MAX_LINKS; i++) {
			struct link *link = &proxy->links[i];

			if (link->open && (!flow_write(proxy, &link->up) ||
			                   !flow_write(proxy, &link->down)))
				link_close(link);
		}
		pthread_mutex_unlock(&proxy->lock);
	}
}

struct proxy *proxy_start(int upstream_port, int delay_ms)
{
	struct proxy *proxy = calloc(1, sizeof *proxy);
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof addr;
	int one = 1;

	if (proxy == NULL)
		return NULL;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	proxy->upstream = upstream_port;
	proxy->delay_ms = delay_ms;
	proxy->listener = socket(AF_INET, SOCK_STREAM, 0);
	if (proxy->listener < 0 || pipe(proxy->wake) < 0) {
		fprintf(stderr, "proxy: %s\n", strerror(errno));
		free(proxy);
		return NULL;
	}
	setsockopt(proxy->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(proxy->listener, (struct sockaddr *)&addr, sizeof addr) < 0 ||
	    listen(proxy->listener, 16) < 0 ||
	    getsockname(proxy->listener, (struct sockaddr *)&addr, &len) < 0) {
		fprintf(stderr, "proxy: cannot listen on loopback: %s\n", strerror(errno));
		close(proxy->listener);
		free(proxy);
		return NULL;
	}
	proxy->port = ntohs(addr.sin_port);
	nonblocking(proxy->listener);
	nonblocking(proxy->wake[0]);
	nonblocking(proxy->wake[1]);
	pthread_mutex_init(&proxy->lock, NULL);
	if (pthread_create(&proxy->thread, NULL, run, proxy) != 0) {
		fprintf(stderr, "proxy: no thread\n");
		close(proxy->listener);
		free(proxy);
		return NULL;
	}
	return proxy;
}

void proxy_stop(struct proxy **proxy)
{
	struct proxy *p;

	if (proxy == NULL || *proxy == NULL)
		return;
	p = *proxy;
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	pthread_mutex_unlock(&p->lock);
	wake(p);
	pthread_join(p->thread, NULL);
	for (int i = 0; i < MAX_LINKS; i++)
		link_close(&p->links[i]);
	close(p->listener);
	close(p->wake[0]);
	close(p->wake[1]);
	pthread_mutex_destroy(&p->lock);
	free(p);
	*proxy = NULL;
}

int proxy_port(const struct proxy *proxy)
{
	return proxy->port;
}

#define PROXY_SET(field, value)                     \
	do {                                        \
		pthread_mutex_lock(&proxy->lock);   \
		proxy->field = (value);             \
		pthread_mutex_unlock(&proxy->lock); \
		wake(proxy);                        \
	} while (0)

void proxy_set_delay(struct proxy *proxy, int delay_ms)
{
	PROXY_SET(delay_ms, delay_ms);
}

void proxy_set_rate(struct proxy *proxy, long bytes_per_second)
{
	PROXY_SET(rate, bytes_per_second);
}

void proxy_cut(struct proxy *proxy)
{
	PROXY_SET(cut, true);
}

void proxy_stall(struct proxy *proxy)
{
	PROXY_SET(stalled, true);
}

void proxy_restore(struct proxy *proxy)
{
	pthread_mutex_lock(&proxy->lock);
	proxy->cut = false;
	proxy->stalled = false;
	pthread_mutex_unlock(&proxy->lock);
	wake(proxy);
}

static long read_counter(const struct proxy *proxy, const long *counter)
{
	long value;

	pthread_mutex_lock((pthread_mutex_t *)&proxy->lock);
	value = *counter;
	pthread_mutex_unlock((pthread_mutex_t *)&proxy->lock);
	return value;
}

long proxy_connections(const struct proxy *proxy)
{
	return read_counter(proxy, &proxy->connections);
}

long proxy_bytes_up(const struct proxy *proxy)
{
	return read_counter(proxy, &proxy->bytes_up);
}

long proxy_bytes_down(const struct proxy *proxy)
{
	return read_counter(proxy, &proxy->bytes_down);
}
