/* uuid.c - version 4 UUIDs from the kernel's random source. */
#include "uuid.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/random.h>
#include <unistd.h>

/* Fills `buffer` from getrandom(), falling back to /dev/urandom. */
static bool random_bytes(unsigned char *buffer, size_t size)
{
	size_t done = 0;
	int fd;

	while (done < size) {
		ssize_t got = getrandom(buffer + done, size - done, 0);

		if (got > 0)
			done += (size_t)got;
		else if (got < 0 && errno == ENOSYS)
			break;
		else if (got < 0 && errno != EINTR)
			return false;
	}
	if (done == size)
		return true;
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (done < size) {
		ssize_t got = read(fd, buffer + done, size - done);

		if (got > 0)
			done += (size_t)got;
		else if (got == 0 || errno != EINTR)
			break;
	}
	close(fd);
	return done == size;
}

void uuid_format(const unsigned char bytes[16], char out[UUID_TEXT_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	char *p = out;

	for (int i = 0; i < 16; i++) {
		unsigned char byte = bytes[i];

		if (i == 6)
			byte = (unsigned char)((byte & 0x0f) | 0x40); /* version 4 */
		else if (i == 8)
			byte = (unsigned char)((byte & 0x3f) | 0x80); /* variant 10xx */
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[byte >> 4];
		*p++ = hex[byte & 15];
	}
	*p = '\0';
}

bool uuid_v4(char out[UUID_TEXT_SIZE])
{
	unsigned char bytes[16];

	if (!random_bytes(bytes, sizeof bytes)) {
		out[0] = '\0';
		return false;
	}
	uuid_format(bytes, out);
	return true;
}
