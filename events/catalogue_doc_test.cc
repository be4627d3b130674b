#include "events/catalogue_doc.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "events/types.h"

using namespace ta::events;

namespace {

bool known_area(std::string_view area) {
  const auto& areas = event_areas();
  return std::find(areas.begin(), areas.end(), area) != areas.end();
}

// The first line where the two texts differ, to point at the drift without
// printing both documents.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (int n = 1;; ++n) {
    bool ha = static_cast<bool>(std::getline(sa, la));
    bool hb = static_cast<bool>(std::getline(sb, lb));
    if (!ha && !hb) return "they differ only in line endings";
    if (ha != hb || la != lb)
      return "line " + std::to_string(n) + ": committed \"" + (ha ? la : "<end>") +
             "\", generated \"" + (hb ? lb : "<end>") + "\"";
  }
}

}  // namespace

TEST_CASE("every event in the catalogue and every one of its fields is described") {
  for (auto& spec : event_catalogue()) {
    const EventDoc* doc = find_event_doc(spec.type);
    if (!doc) {
      FAIL_CHECK("event " << spec.type
                          << " has no description: add it to event_docs() in "
                             "events/catalogue_doc.cc, then run `make docs`");
      continue;
    }
    CHECK_MESSAGE(!doc->text.empty(), "event " << spec.type << " has an empty description");
    CHECK_MESSAGE(known_area(doc->area),
                  "event " << spec.type << " is in unknown area \"" << doc->area << "\"");
    for (auto& field : spec.fields) {
      auto it = std::find_if(doc->fields.begin(), doc->fields.end(),
                             [&](const FieldDoc& f) { return f.name == field; });
      if (it == doc->fields.end()) {
        FAIL_CHECK("field " << spec.type << "." << field
                            << " has no description: add it to event_docs() in "
                               "events/catalogue_doc.cc, then run `make docs`");
      } else {
        CHECK_MESSAGE(!it->text.empty(),
                      "field " << spec.type << "." << field << " has an empty description");
      }
    }
  }
}

TEST_CASE("no event or field is described that the catalogue does not have") {
  std::set<std::string_view> seen;
  for (auto& doc : event_docs()) {
    CHECK_MESSAGE(seen.insert(doc.type).second, "event " << doc.type << " is described twice");
    const EventSpec* spec = find_event_spec(doc.type);
    if (!spec) {
      FAIL_CHECK("event " << doc.type
                          << " is described but not in event_catalogue() (events/types.cc)");
      continue;
    }
    std::set<std::string_view> fields;
    for (auto& f : doc.fields) {
      CHECK_MESSAGE(fields.insert(f.name).second,
                    "field " << doc.type << "." << f.name << " is described twice");
      bool exists = std::find(spec->fields.begin(), spec->fields.end(), f.name) !=
                    spec->fields.end();
      if (!exists)
        FAIL_CHECK("field " << doc.type << "." << f.name << " is described but " << doc.type
                            << " has no such field in events/types.h");
    }
  }
}

TEST_CASE("the rendered document lists every event with its version and fields") {
  const std::string md = render_events_markdown();
  for (auto& spec : event_catalogue()) {
    CHECK(md.find("### `" + spec.type + "` (v" + std::to_string(spec.version) + ")") !=
          std::string::npos);
    for (auto& f : spec.fields) CHECK(md.find("| `" + f + "` |") != std::string::npos);
  }
  CHECK_MESSAGE(md.find("(no description yet)") == std::string::npos,
                "an event or field renders without a description");
  CHECK(md.back() == '\n');
}

TEST_CASE("the committed docs/events.md is what the code generates") {
  const std::string path = std::string(TEAM_AGENT_SOURCE_DIR) + "/docs/events.md";
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path << " is missing: run `make docs`");
  std::ostringstream committed;
  committed << in.rdbuf();
  const std::string generated = render_events_markdown();
  if (committed.str() != generated)
    FAIL("docs/events.md is out of date (" << first_difference(committed.str(), generated)
                                           << "): run `make docs`, or "
                                              "`<build>/gen_events_doc > docs/events.md`");
}
