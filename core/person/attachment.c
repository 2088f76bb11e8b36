/* attachment.c - a file read for attaching, within the database's limit. */
#include "attachment.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "xalloc.h"

const char *attachment_media_type(const char *file_name)
{
	static const struct {
		const char *extension, *type;
	} types[] = {
		{ "pdf", "application/pdf" },
		{ "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" },
		{ "png", "image/png" },
		{ "tif", "image/tiff" },
		{ "tiff", "image/tiff" },
		{ "txt", "text/plain" },
		{ "csv", "text/csv" },
		{ "odt", "application/vnd.oasis.opendocument.text" },
		{ "doc", "application/msword" },
		{ "docx",
		  "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	};
	const char *dot = strrchr(file_name, '.');

	for (size_t i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(dot + 1, types[i].extension) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void attachment_free(struct attachment *attachment)
{
	free(attachment->file_name);
	free(attachment->media_type);
	free(attachment->bytes);
	memset(attachment, 0, sizeof *attachment);
}

bool attachment_read(const char *path, struct attachment *out, char *reason, size_t size)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	unsigned char *bytes;
	struct stat info;
	FILE *file;
	size_t got;

	memset(out, 0, sizeof *out);
	if (stat(path, &info) != 0) {
		snprintf(reason, size, "Cannot read %s: %s", path, strerror(errno));
		return false;
	}
	if (!S_ISREG(info.st_mode) || name[0] == '\0') {
		snprintf(reason, size, "%s is not a file", path);
		return false;
	}
	if (info.st_size == 0 || info.st_size > ATTACHMENT_MAX_BYTES) {
		snprintf(reason, size,
		         info.st_size == 0 ? "The file is empty" : "The file is larger than 5 MiB");
		return false;
	}
	file = fopen(path, "rb");
	if (file == NULL) {
		snprintf(reason, size, "Cannot read %s: %s", path, strerror(errno));
		return false;
	}
	bytes = xmalloc((size_t)info.st_size);
	got = fread(bytes, 1, (size_t)info.st_size, file);
	fclose(file);
	if (got != (size_t)info.st_size) {
		snprintf(reason, size, "Cannot read all of %s", path);
		free(bytes);
		return false;
	}
	out->bytes = (char *)bytes;
	out->size = got;
	out->file_name = xstrdup(name);
	out->media_type = xstrdup(attachment_media_type(name));
	return true;
}

const char *const attachment_insert_sql =
        "INSERT INTO hr.document (org_id, person_id, title, file_name, media_type, content) "
        "SELECT org_id, id, $2, $3, $4, $5::bytea FROM hr.person WHERE id = $1::bigint "
        "RETURNING id";
