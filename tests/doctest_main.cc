// The test binaries' main(). In a unity build the doctest header was already
// included (by the batch's other sources, or the forced doctest_printers.h)
// before this file's turn, so the implementation is asked for explicitly.
#define DOCTEST_CONFIG_IMPLEMENT
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
