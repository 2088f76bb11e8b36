/* registry.c - the list of screens, found by name. */
#include <string.h>

#include "order_screens.h"
#include "personnel_screens.h"
#include "screen.h"
#include "structure_screens.h"

const struct screen_ops *const screen_registry[] = {
	&connect_screen,   &home_screen,     &help_screen,     &register_screen,
	&profile_screen,   &entry_screen,    &conflict_screen, &history_screen,
	&structure_screen, &staffing_screen, &reorg_screen,    &orders_screen,
	&order_form_screen, &order_view_screen, &order_settings_screen, NULL,
};

bool screen_serves(const struct screen_ops *ops, const char *kind)
{
	size_t len;

	if (ops->logins == NULL)
		return true;
	if (kind == NULL)
		return false;
	len = strlen(kind);
	for (const char *p = strstr(ops->logins, kind); p != NULL; p = strstr(p + 1, kind))
		if ((p == ops->logins || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

const struct screen_ops *screen_find(const char *name)
{
	for (int i = 0; screen_registry[i] != NULL; i++)
		if (strcmp(screen_registry[i]->name, name) == 0)
			return screen_registry[i];
	return NULL;
}
