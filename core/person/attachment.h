/*
 * attachment.h - reading a file to attach to a person's file: the size
 * limit the database enforces (5 MiB), the name kept with it, its media
 * type, and its bytes, which travel as they are in a binary $n parameter.
 */
#ifndef HRMIS_ATTACHMENT_H
#define HRMIS_ATTACHMENT_H

#include <stdbool.h>
#include <stddef.h>

enum { ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024 };

struct attachment {
	char *file_name;  /* the last part of the path */
	char *media_type; /* from the name's extension */
	char *bytes;      /* the content, `size` bytes (a binary parameter) */
	size_t size;
};

/*
 * Reads `path` into *out.  Returns false with a one-line reason (missing,
 * not a regular file, empty, over the limit, unreadable); nothing to free
 * then.  Release with attachment_free().
 */
bool attachment_read(const char *path, struct attachment *out, char *reason, size_t size);
void attachment_free(struct attachment *attachment);

/* The media type for a file name, "application/octet-stream" if unknown;
 * static storage. */
const char *attachment_media_type(const char *file_name);

/* $1 person id, $2 title, $3 file name, $4 media type, $5 the bytes (a
 * binary parameter): stores the document; returns its id. */
extern const char *const attachment_insert_sql;
enum attachment_insert_column { ATTACHMENT_INSERTED_ID, ATTACHMENT_INSERT_COLUMNS };

#endif
