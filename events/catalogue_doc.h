#pragma once
// Human descriptions of the events in event_catalogue(), and docs/events.md
// rendered from the two. The catalogue (the code) decides which events, fields
// and versions exist; this table only explains them. catalogue_doc_test fails
// when they disagree, so a new event type or field cannot ship undocumented,
// and when the committed docs/events.md is not what render_events_markdown()
// produces.
#include <string>
#include <string_view>
#include <vector>

namespace ta::events {

struct FieldDoc {
  std::string_view name;
  std::string_view text;  // a short phrase
};

struct EventDoc {
  std::string_view type;
  std::string_view area;  // one of event_areas()
  std::string_view text;  // one sentence: what it means and who appends it
  std::vector<FieldDoc> fields;
};

// The areas of SPEC §9, in the order docs/events.md lists them.
const std::vector<std::string_view>& event_areas();

const std::vector<EventDoc>& event_docs();
// The sessions and restart areas (catalogue_doc_sessions.cc).
const std::vector<EventDoc>& session_event_docs();
// The per-agent lifecycle area (catalogue_doc_agents.cc).
const std::vector<EventDoc>& agent_event_docs();
// The team-health area (catalogue_doc_health.cc).
const std::vector<EventDoc>& health_event_docs();
// The team area: its tmux server lost, restarted, gone (catalogue_doc_team.cc).
const std::vector<EventDoc>& team_event_docs();
// The agent tools and questions to a person (catalogue_doc_mcp.cc).
const std::vector<EventDoc>& mcp_event_docs();
const EventDoc* find_event_doc(std::string_view type);

// The whole of docs/events.md. Events without a description still appear
// (under "Undocumented") so the output is complete; the test is what fails.
std::string render_events_markdown();

}  // namespace ta::events
