/* fuzz_config.c - the configuration file parser on any bytes: a clear
 * "file:line: message" or a configuration, never a crash or a leak. */
#include <stdio.h>
#include <unistd.h>

#include "config.h"
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct config *config = NULL;
	char *error = NULL;
	FILE *file;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/hrmis-fuzz-config-%d.conf", (int)getpid());
	file = fopen(path, "wb");
	if (file == NULL)
		return 0;
	fwrite(data, 1, size, file);
	fclose(file);
	if (config_load(path, &config, &error) == STATUS_OK) {
		const char *const *keys, *const *values;
		char *why = NULL;

		/* What the client does next with a loaded file. */
		if (config_connection(config, &keys, &values, &why) != STATUS_OK)
			free(why);
		for (size_t i = 0; i < config_binding_count(config); i++)
			(void)config_binding(config, i);
		config_free(&config);
	} else if (error == NULL || error[0] == '\0') {
		abort(); /* a refusal always says why */
	}
	free(error);
	return 0;
}
