// docs/events.md, rendered from the catalogue (the code) and its descriptions.
#include <string>

#include "events/catalogue_doc.h"
#include "events/types.h"

namespace ta::events {

namespace {

constexpr std::string_view kUndocumented = "Undocumented";

// A pipe would end the table cell early.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string_view field_text(const EventDoc* doc, const std::string& field) {
  if (doc)
    for (auto& f : doc->fields)
      if (f.name == field) return f.text;
  return "(no description yet)";
}

std::string_view area_of(const EventSpec& spec) {
  const EventDoc* doc = find_event_doc(spec.type);
  if (!doc) return kUndocumented;
  for (auto a : event_areas())
    if (a == doc->area) return a;
  return kUndocumented;
}

void render_event(std::string& out, const EventSpec& spec) {
  const EventDoc* doc = find_event_doc(spec.type);
  out += "### `" + spec.type + "` (v" + std::to_string(spec.version) + ")\n\n";
  out += std::string(doc ? doc->text : "(no description yet)") + "\n\n";
  if (spec.fields.empty()) {
    out += "No fields.\n\n";
    return;
  }
  out += "| field | description |\n|---|---|\n";
  for (auto& f : spec.fields) out += "| `" + f + "` | " + cell(field_text(doc, f)) + " |\n";
  out += "\n";
}

constexpr std::string_view kIntro = R"(<!-- Generated from events/types.h and events/catalogue_doc.cc by gen_events_doc; do not edit. Run `make docs` to regenerate. -->
# Events

Every event the product appends to its log, with its fields and current
version. The log lives in `<workspace>/.team/events/`, one event per line.

## Envelope

Each line is one JSON object with these keys, always in this order:

`{"seq": 42, "ts": "2026-11-20T21:39:00.123456Z", "event": "send.submitted", "v": 1, "team": "demo", "data": {...}}`

| key | meaning |
|---|---|
| `seq` | global sequence number: gap-free and strictly increasing across segments |
| `ts` | when it was appended: RFC 3339, UTC, with microseconds |
| `event` | the event type, one of those below |
| `v` | schema version of that event type's `data` |
| `team` | the team that appended it |
| `data` | the event's fields, as listed below, keys sorted |
| `key` | idempotency key; present only on events that have one |

## Versions

Fields may be added to an event type without a new version: readers ignore
fields they do not know and give missing ones their default. When a field
changes meaning or is removed, the type's `kVersion` in `events/types.h` is
bumped and a step in `events/upcast.cc` lifts older events to the new version
as they are read. The log itself is never rewritten.

## Index

)";

}  // namespace

std::string render_events_markdown() {
  const auto& catalogue = event_catalogue();
  std::vector<std::string_view> areas = event_areas();
  areas.push_back(kUndocumented);

  std::string out(kIntro);
  out += "| event | v | area |\n|---|---|---|\n";
  for (auto area : areas)
    for (auto& spec : catalogue)
      if (area_of(spec) == area)
        out += "| `" + spec.type + "` | " + std::to_string(spec.version) + " | " +
               cell(area) + " |\n";
  out += "\n";

  for (auto area : areas) {
    bool any = false;
    for (auto& spec : catalogue) {
      if (area_of(spec) != area) continue;
      if (!any) out += "## " + std::string(area) + "\n\n";
      any = true;
      render_event(out, spec);
    }
  }
  // One trailing newline, not the blank line the last section leaves.
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace ta::events
