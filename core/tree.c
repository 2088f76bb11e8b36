/* tree.c - building and walking a tree of units read as flat rows. */
#include "tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void tree_free(struct tree *tree)
{
	for (int i = 0; i < tree->count; i++) {
		free(tree->nodes[i].label);
		free(tree->nodes[i].detail);
	}
	free(tree->nodes);
	free(tree->visible);
	memset(tree, 0, sizeof *tree);
}

int tree_find(const struct tree *tree, long id)
{
	for (int i = 0; i < tree->count; i++)
		if (tree->nodes[i].id == id)
			return i;
	return -1;
}

/* Appends node `index` and, when expanded, its subtree to the visible lines. */
static void show(struct tree *tree, int index)
{
	tree->visible[tree->visible_count++] = index;
	if (!tree->nodes[index].expanded)
		return;
	for (int c = tree->nodes[index].first_child; c >= 0; c = tree->nodes[c].next_sibling)
		show(tree, c);
}

void tree_refresh(struct tree *tree)
{
	tree->visible_count = 0;
	for (int i = 0; i < tree->count; i++)
		if (tree->nodes[i].parent == 0 || tree_find(tree, tree->nodes[i].parent) < 0)
			show(tree, i);
}

/* Sets depths from the roots down; false when a node is never reached (a cycle). */
static bool set_depths(struct tree *tree)
{
	int reached = 0;
	int *stack = xmalloc(sizeof *stack * (size_t)(tree->count + 1)), top = 0;

	for (int i = 0; i < tree->count; i++) {
		if (tree->nodes[i].parent != 0 && tree_find(tree, tree->nodes[i].parent) >= 0)
			continue;
		tree->nodes[i].depth = 0;
		stack[top++] = i;
	}
	while (top > 0) {
		int n = stack[--top];

		reached++;
		for (int c = tree->nodes[n].first_child; c >= 0; c = tree->nodes[c].next_sibling) {
			tree->nodes[c].depth = tree->nodes[n].depth + 1;
			if (top < tree->count)
				stack[top++] = c;
		}
	}
	free(stack);
	return reached == tree->count;
}

bool tree_build(struct tree *tree, const long *ids, const long *parents, const char *const *labels,
                const char *const *details, int count, int open_depth)
{
	int *last_child;

	memset(tree, 0, sizeof *tree);
	tree->nodes = xcalloc((size_t)count + 1, sizeof *tree->nodes);
	tree->visible = xcalloc((size_t)count + 1, sizeof *tree->visible);
	tree->count = count;
	last_child = xmalloc(sizeof *last_child * (size_t)(count + 1));
	for (int i = 0; i < count; i++) {
		struct tree_node *node = &tree->nodes[i];

		node->id = ids[i];
		node->parent = parents[i] == ids[i] ? 0 : parents[i];
		node->label = xstrdup(labels[i]);
		node->detail = xstrdup(details ? details[i] : "");
		node->first_child = node->next_sibling = -1;
		last_child[i] = -1;
	}
	for (int i = 0; i < count; i++) {
		int p = tree->nodes[i].parent ? tree_find(tree, tree->nodes[i].parent) : -1;

		if (p < 0)
			continue;
		tree->nodes[p].has_children = true;
		if (last_child[p] < 0)
			tree->nodes[p].first_child = i;
		else
			tree->nodes[last_child[p]].next_sibling = i;
		last_child[p] = i;
	}
	free(last_child);
	if (!set_depths(tree)) {
		tree_free(tree);
		return false;
	}
	for (int i = 0; i < count; i++)
		tree->nodes[i].expanded = tree->nodes[i].depth < open_depth;
	tree_refresh(tree);
	return true;
}

int tree_line_of(const struct tree *tree, int index)
{
	for (int line = 0; line < tree->visible_count; line++)
		if (tree->visible[line] == index)
			return line;
	return -1;
}

void tree_reveal(struct tree *tree, int index)
{
	for (int p = tree_find(tree, tree->nodes[index].parent); p >= 0;
	     p = tree_find(tree, tree->nodes[p].parent))
		tree->nodes[p].expanded = true;
	tree_refresh(tree);
}

void tree_set_expanded(struct tree *tree, int index, bool expanded)
{
	if (index < 0 || index >= tree->count || !tree->nodes[index].has_children)
		return;
	tree->nodes[index].expanded = expanded;
	tree_refresh(tree);
}

/* Case-insensitive (ASCII) substring test. */
static bool contains(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *h = haystack; *h != '\0'; h++) {
		size_t i = 0;

		while (i < n && h[i] != '\0' &&
		       tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

/* Node indexes in tree order (depth first), hidden ones included. */
static void order(const struct tree *tree, int index, int *out, int *n)
{
	out[(*n)++] = index;
	for (int c = tree->nodes[index].first_child; c >= 0; c = tree->nodes[c].next_sibling)
		order(tree, c, out, n);
}

int tree_search(const struct tree *tree, int from_line, const char *text)
{
	int *all, n = 0, start = 0, found = -1;

	if (tree->count == 0 || text[0] == '\0')
		return -1;
	all = xmalloc(sizeof *all * (size_t)tree->count);
	for (int i = 0; i < tree->count; i++)
		if (tree->nodes[i].parent == 0 || tree_find(tree, tree->nodes[i].parent) < 0)
			order(tree, i, all, &n);
	if (from_line >= 0 && from_line < tree->visible_count)
		for (int i = 0; i < n; i++)
			if (all[i] == tree->visible[from_line])
				start = i;
	for (int step = 1; step <= n && found < 0; step++) {
		int i = all[(start + step) % n];

		if (contains(tree->nodes[i].label, text))
			found = i;
	}
	free(all);
	return found;
}
