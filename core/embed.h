/* embed.h - data files (migrations, function files, key maps) compiled into the programs. */
#ifndef HRMIS_EMBED_H
#define HRMIS_EMBED_H

struct embedded_file {
	/* base name ("001_roles.sql"), or path below db/ ("functions/orders/hire.sql") */
	const char *name;
	const char *text; /* contents, NUL-terminated, lines end in \n */
};

/* Arrays end with an entry whose name is NULL; sorted by name. */
extern const struct embedded_file embedded_migrations[];
extern const struct embedded_file embedded_functions[];
extern const struct embedded_file embedded_keymaps[];

#endif
