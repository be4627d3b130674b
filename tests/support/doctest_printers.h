#pragma once
// How a failed check shows the project's values: doctest prints "{?}" for
// a type it cannot stream, which hides exactly what went wrong. Included
// into every test source by the build (CMakeLists.txt, -include), so no
// test has to remember it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "util/result.h"

namespace ta::test::printers {

template <class Range>
doctest::String join(const Range& items, const char* open, const char* close) {
  doctest::String out = open;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ", ";
    out += doctest::toString(item);
    first = false;
  }
  return out + close;
}

}  // namespace ta::test::printers

namespace doctest {

template <class T>
struct StringMaker<std::optional<T>> {
  static String convert(const std::optional<T>& v) {
    return v ? "optional(" + toString(*v) + ")" : String("nullopt");
  }
};

template <class T, class A>
struct StringMaker<std::vector<T, A>> {
  static String convert(const std::vector<T, A>& v) {
    return ta::test::printers::join(v, "[", "]");
  }
};

template <class T, class C>
struct StringMaker<std::set<T, C>> {
  static String convert(const std::set<T, C>& v) { return ta::test::printers::join(v, "{", "}"); }
};

template <class A, class B>
struct StringMaker<std::pair<A, B>> {
  static String convert(const std::pair<A, B>& p) {
    return "(" + toString(p.first) + ", " + toString(p.second) + ")";
  }
};

template <class K, class V, class C>
struct StringMaker<std::map<K, V, C>> {
  static String convert(const std::map<K, V, C>& m) {
    return ta::test::printers::join(m, "{", "}");
  }
};

template <>
struct StringMaker<ta::Error> {
  static String convert(const ta::Error& e) {
    return ("error(" + e.message + ", exit " + std::to_string(e.code) + ")").c_str();
  }
};

template <>
struct StringMaker<ta::Ok> {
  static String convert(const ta::Ok&) { return "ok"; }
};

template <class T>
struct StringMaker<ta::Result<T>> {
  static String convert(const ta::Result<T>& r) {
    return r ? "ok(" + toString(*r) + ")" : toString(r.error());
  }
};

}  // namespace doctest
