/* listing.c - selection and scrolling of list screens. */
#include "listing.h"

bool listing_move(struct listing *list, enum action action, int count)
{
	int page = list->visible > 1 ? list->visible - 1 : 1;

	switch (action) {
	case ACTION_UP:
		list->selected--;
		break;
	case ACTION_DOWN:
		list->selected++;
		break;
	case ACTION_PAGE_UP:
		list->selected -= page;
		break;
	case ACTION_PAGE_DOWN:
		list->selected += page;
		break;
	case ACTION_FIRST:
		list->selected = 0;
		break;
	case ACTION_LAST:
		list->selected = count - 1;
		break;
	default:
		return false;
	}
	listing_fit(list, count, list->visible);
	return true;
}

void listing_fit(struct listing *list, int count, int visible)
{
	list->visible = visible;
	if (list->selected >= count)
		list->selected = count - 1;
	if (list->selected < 0)
		list->selected = 0;
	if (list->selected < list->top)
		list->top = list->selected;
	if (visible > 0 && list->selected >= list->top + visible)
		list->top = list->selected - visible + 1;
	if (list->top < 0)
		list->top = 0;
}
