/* main.c - hrmis: parse arguments, load the configuration, run the terminal client. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "keymap.h"
#include "status.h"
#include "tui.h"

#ifndef HRMIS_VERSION
#define HRMIS_VERSION "0.1.0"
#endif

enum { EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fprintf(out,
	        "Usage: hrmis [--config FILE]\n"
	        "Terminal client for civil-service HR: personnel files, orders, leave,\n"
	        "timesheets and statistics, over TLS to the central database.\n"
	        "\n"
	        "  -c, --config FILE  read settings from FILE; otherwise $HRMIS_CONFIG,\n"
	        "                     $XDG_CONFIG_HOME/hrmis/hrmis.conf, /etc/hrmis/hrmis.conf\n"
	        "  -h, --help         show this help and exit\n"
	        "  -V, --version      show the version and exit\n"
	        "\n"
	        "Settings (see hrmis.conf.example):\n");
	for (int i = 0; i < SETTING_COUNT; i++) {
		const struct setting_info *info = setting_info((enum setting)i);
		fprintf(out, "  %-30s %s\n", info->path, info->description);
	}
	fprintf(out, "\nExit status: 0 done, 1 failure, 2 bad usage or settings, 129 hang-up.\n");
}

/* Applies the `keys` section; returns false after printing "file:line: ...". */
static bool apply_key_overrides(const struct config *config, struct keymap *keymap)
{
	for (size_t i = 0; i < config_binding_count(config); i++) {
		const struct config_binding *b = config_binding(config, i);
		char err[256];

		if (!keymap_override(keymap, b->context, b->action, b->key, err, sizeof err)) {
			fprintf(stderr, "hrmis: %s:%d: %s\n", config_source(config), b->line, err);
			return false;
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL;
	const char *const *keys, *const *values;
	struct config *config = NULL;
	struct keymap *keymap = NULL;
	struct app *app = NULL;
	char *error = NULL;
	enum status status;
	int opt, exit_status;

	setlocale(LC_ALL, "");
	while ((opt = getopt_long(argc, argv, "c:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("hrmis %s\n", HRMIS_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "hrmis: unexpected argument \"%s\"\n", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}

	status = config_load(config_path, &config, &error);
	if (status != STATUS_OK) {
		fprintf(stderr, "hrmis: %s\n  %s\n", status_message(status), error ? error : "");
		free(error);
		return EXIT_USAGE;
	}
	status = config_connection(config, &keys, &values, &error);
	if (status != STATUS_OK) {
		fprintf(stderr, "hrmis: %s\n  %s\n", status_message(status), error ? error : "");
		free(error);
		config_free(&config);
		return EXIT_USAGE;
	}
	keymap = keymap_new_defaults();
	if (!apply_key_overrides(config, keymap)) {
		keymap_free(&keymap);
		config_free(&config);
		return EXIT_USAGE;
	}

	struct tui_options tui_options = {
		.monochrome = strcmp(config_string(config, SETTING_UI_THEME), "mono") == 0,
		.escdelay_ms = (int)config_int(config, SETTING_UI_ESCDELAY),
	};
	status = tui_open(&tui_options);
	if (status != STATUS_OK) {
		fprintf(stderr, "hrmis: %s (TERM=%s)\n", status_message(status),
		        getenv("TERM") ? getenv("TERM") : "");
		keymap_free(&keymap);
		config_free(&config);
		return EXIT_USAGE;
	}

	app = app_new(config, keymap);
	exit_status = app_run(app, &connect_screen);
	/* Give the terminal back before anything else can fail. */
	tui_close();
	app_free(&app);
	keymap_free(&keymap);
	config_free(&config);
	return exit_status;
}
