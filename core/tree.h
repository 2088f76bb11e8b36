/*
 * tree.h - a tree of organisations or departments read as flat rows
 * (id, parent id, label), shown as the indented lines a clerk moves
 * through: expand, collapse, search, jump to the parent.  Pure data.
 */
#ifndef HRMIS_TREE_H
#define HRMIS_TREE_H

#include <stdbool.h>
#include <stddef.h>

struct tree_node {
	long id;
	long parent;        /* 0 for a root */
	char *label;        /* owned */
	char *detail;       /* owned; a second column (counts, dates), may be "" */
	int depth;
	bool expanded;
	bool has_children;
	int first_child;    /* index into nodes, -1 if none */
	int next_sibling;   /* index, -1 if last */
};

struct tree {
	struct tree_node *nodes;
	int count;
	int *visible;       /* indexes of the nodes shown, in order */
	int visible_count;
};

/*
 * Builds a tree from rows given in any order; children keep the order of
 * the rows.  A row whose parent is unknown becomes a root.  Roots start
 * expanded down to `open_depth` levels.  Returns false for a cycle (the
 * tree is then empty).  Release with tree_free().
 */
bool tree_build(struct tree *tree, const long *ids, const long *parents, const char *const *labels,
                const char *const *details, int count, int open_depth);
void tree_free(struct tree *tree);

/* Recomputes the visible lines after expanding or collapsing. */
void tree_refresh(struct tree *tree);

/* Index of the node with `id`, or -1. */
int tree_find(const struct tree *tree, long id);

/* Visible line of node `index`, or -1 when hidden in a collapsed branch. */
int tree_line_of(const struct tree *tree, int index);

/* Expands every ancestor of node `index` so it is visible. */
void tree_reveal(struct tree *tree, int index);

/* Expands / collapses node `index` (no effect on leaves). */
void tree_set_expanded(struct tree *tree, int index, bool expanded);

/*
 * The next node after visible line `from` (wrapping, in tree order,
 * hidden nodes included) whose label contains `text` case-insensitively
 * (ASCII letters; other characters exactly); -1 when none.
 */
int tree_search(const struct tree *tree, int from_line, const char *text);

#endif
