/* migrate_set.c - the files migrate applies: compiled in, or read from a
 * directory (its *.sql and every *.sql below its functions/ folder). */
#include "migrate.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "embed.h"
#include "xalloc.h"

/* The folder of db/ that holds the function files, as their names begin. */
#define FUNCTIONS_DIR "functions"

static void add(struct migration_list *list, const char *name, char *text)
{
	list->items = xrealloc(list->items, (list->count + 1) * sizeof *list->items);
	list->items[list->count].name = xstrdup(name);
	list->items[list->count].text = text;
	list->count++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct migration *)a)->name, ((const struct migration *)b)->name);
}

static void sort(struct migration_list *list)
{
	if (list->count > 0)
		qsort(list->items, list->count, sizeof *list->items, by_name);
}

static void add_embedded(struct migration_list *list, const struct embedded_file *files)
{
	for (const struct embedded_file *f = files; f->name != NULL; f++)
		add(list, f->name, xstrdup(f->text));
	sort(list);
}

struct migration_set *migration_set_embedded(void)
{
	struct migration_set *set = xcalloc(1, sizeof *set);

	add_embedded(&set->migrations, embedded_migrations);
	add_embedded(&set->functions, embedded_functions);
	return set;
}

bool migration_is_function_file(const char *name)
{
	return strncmp(name, FUNCTIONS_DIR "/", strlen(FUNCTIONS_DIR "/")) == 0;
}

/* Reads a whole file into a new string; NULL on failure (errno set). */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap * 2 + 4096;
			text = xrealloc(text, cap + 1);
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	text[len] = '\0';
	return text;
}

static bool is_sql(const char *name)
{
	size_t len = strlen(name);

	return len >= 5 && strcmp(name + len - 4, ".sql") == 0;
}

/*
 * Adds the *.sql files of root/rel (rel "" for root itself) to `list` as
 * prefix/rel/NAME, and those of its subfolders when `deep`.  Hidden entries
 * are skipped.  Returns STATUS_OK, or STATUS_IO with *detail set.
 */
static enum status read_folder(const char *root, const char *rel, const char *prefix, bool deep,
                               struct migration_list *list, char **detail)
{
	char *dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *entry;
	enum status status = STATUS_OK;

	if (d == NULL) {
		*detail = xasprintf("cannot open directory %s: %s", dir, strerror(errno));
		free(dir);
		return STATUS_IO;
	}
	while (status == STATUS_OK && (entry = readdir(d)) != NULL) {
		char *path, *sub, *text;
		struct stat st;

		if (entry->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, entry->d_name);
		sub = rel[0] ? xasprintf("%s/%s", rel, entry->d_name) : xstrdup(entry->d_name);
		if (stat(path, &st) != 0) {
			*detail = xasprintf("cannot read %s: %s", path, strerror(errno));
			status = STATUS_IO;
		} else if (S_ISDIR(st.st_mode)) {
			if (deep)
				status = read_folder(root, sub, prefix, deep, list, detail);
		} else if (is_sql(entry->d_name)) {
			if ((text = read_file(path)) == NULL) {
				*detail = xasprintf("cannot read %s: %s", path, strerror(errno));
				status = STATUS_IO;
			} else {
				char *name =
				        prefix ? xasprintf("%s/%s", prefix, sub) : xstrdup(sub);

				add(list, name, text);
				free(name);
			}
		}
		free(sub);
		free(path);
	}
	closedir(d);
	free(dir);
	return status;
}

enum status migration_set_from_dir(const char *dir, struct migration_set **set, char **detail)
{
	struct migration_set *result = xcalloc(1, sizeof *result);
	char *functions = xasprintf("%s/" FUNCTIONS_DIR, dir);
	enum status status;
	struct stat st;

	*set = NULL;
	status = read_folder(dir, "", NULL, false, &result->migrations, detail);
	if (status == STATUS_OK && stat(functions, &st) == 0 && S_ISDIR(st.st_mode))
		status =
		        read_folder(functions, "", FUNCTIONS_DIR, true, &result->functions, detail);
	free(functions);
	if (status != STATUS_OK) {
		migration_set_free(&result);
		return status;
	}
	sort(&result->migrations);
	sort(&result->functions);
	*set = result;
	return STATUS_OK;
}

static void free_list(struct migration_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].name);
		free(list->items[i].text);
	}
	free(list->items);
}

void migration_set_free(struct migration_set **set)
{
	if (set == NULL || *set == NULL)
		return;
	free_list(&(*set)->migrations);
	free_list(&(*set)->functions);
	free(*set);
	*set = NULL;
}
