/* tui_internal.h - shared between the files of tui/ only. */
#ifndef HRMIS_TUI_INTERNAL_H
#define HRMIS_TUI_INTERNAL_H

#include <stdbool.h>

/* Sets up colour pairs (or none) for the attributes of tui.h. */
void tui_theme_init(bool monochrome);

#endif
