/* test_tree.c - building trees from flat rows, expanding, searching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tree.h"

/*
 *  1 Ministry            rows given out of order on purpose
 *  ├ 2 Forestry
 *  │ └ 4 Nurseries
 *  └ 3 Meteorology
 *  5 Agency
 */
static const long ids[] = { 4, 1, 3, 2, 5 };
static const long parents[] = { 2, 0, 1, 1, 0 };
static const char *const labels[] = { "Nurseries", "Ministry", "Meteorology", "Forestry", "Agency" };

static void test_build_and_depths(void **state)
{
	struct tree tree;

	(void)state;
	assert_true(tree_build(&tree, ids, parents, labels, NULL, 5, 1));
	assert_int_equal(tree.nodes[tree_find(&tree, 4)].depth, 2);
	assert_int_equal(tree.nodes[tree_find(&tree, 3)].depth, 1);
	assert_true(tree.nodes[tree_find(&tree, 1)].has_children);
	assert_false(tree.nodes[tree_find(&tree, 3)].has_children);
	/* Roots open one level: Ministry, Meteorology, Forestry (row order), Agency. */
	assert_int_equal(tree.visible_count, 4);
	assert_int_equal(tree.nodes[tree.visible[0]].id, 1);
	assert_int_equal(tree.nodes[tree.visible[1]].id, 3);
	assert_int_equal(tree.nodes[tree.visible[2]].id, 2);
	assert_int_equal(tree.nodes[tree.visible[3]].id, 5);
	assert_int_equal(tree_line_of(&tree, tree_find(&tree, 4)), -1);
	tree_free(&tree);
}

static void test_expand_collapse_reveal(void **state)
{
	struct tree tree;
	int forestry, nurseries;

	(void)state;
	assert_true(tree_build(&tree, ids, parents, labels, NULL, 5, 1));
	forestry = tree_find(&tree, 2);
	nurseries = tree_find(&tree, 4);
	tree_set_expanded(&tree, forestry, true);
	assert_int_equal(tree.visible_count, 5);
	assert_int_equal(tree_line_of(&tree, nurseries), 3);
	tree_set_expanded(&tree, tree_find(&tree, 1), false);
	assert_int_equal(tree.visible_count, 2);
	tree_reveal(&tree, nurseries);
	assert_true(tree_line_of(&tree, nurseries) > 0);
	/* A leaf does not expand. */
	tree_set_expanded(&tree, nurseries, true);
	assert_false(tree.nodes[nurseries].expanded);
	tree_free(&tree);
}

static void test_search_finds_hidden_nodes_in_order(void **state)
{
	struct tree tree;

	(void)state;
	assert_true(tree_build(&tree, ids, parents, labels, NULL, 5, 1));
	/* From the first line: "nurs" is inside a collapsed branch, still found. */
	assert_int_equal(tree.nodes[tree_search(&tree, 0, "NURS")].id, 4);
	/* "me" matches Meteorology after Ministry, then wraps to Ministry. */
	assert_int_equal(tree.nodes[tree_search(&tree, 0, "me")].id, 3);
	assert_int_equal(tree_search(&tree, 0, "zzz"), -1);
	assert_int_equal(tree_search(&tree, 0, ""), -1);
	tree_free(&tree);
}

static void test_cycle_refused_and_orphans_are_roots(void **state)
{
	const long cyc_ids[] = { 1, 2 }, cyc_parents[] = { 2, 1 };
	const char *const cyc_labels[] = { "A", "B" };
	const long orphan_ids[] = { 7 }, orphan_parents[] = { 99 };
	const char *const orphan_labels[] = { "Orphan" };
	struct tree tree;

	(void)state;
	assert_false(tree_build(&tree, cyc_ids, cyc_parents, cyc_labels, NULL, 2, 1));
	assert_int_equal(tree.count, 0);
	assert_true(tree_build(&tree, orphan_ids, orphan_parents, orphan_labels, NULL, 1, 1));
	assert_int_equal(tree.visible_count, 1);
	tree_free(&tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_depths),
		cmocka_unit_test(test_expand_collapse_reveal),
		cmocka_unit_test(test_search_finds_hidden_nodes_in_order),
		cmocka_unit_test(test_cycle_refused_and_orphans_are_roots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
