#include "actors/pane_approval.h"

#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "events/types.h"
#include "terminal/screen.h"
#include "terminal/tmux_ops.h"
#include "util/redact.h"

namespace ta::actors {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// As for a trust prompt: keys go only to a screen that has stood still
// (a CLI may draw its prompt again, selection reset, just after showing
// it), the selection is read back before Enter, and the prompt has a few
// seconds to go.
constexpr milliseconds kSteady{400};
constexpr milliseconds kReadback{2000};
constexpr milliseconds kGone{3000};

struct Look {
  bool captured = false;
  std::string text;
  std::optional<terminal::ToolApproval> approval;
};

Look look(const PaneTarget& pane) {
  Look l;
  auto text = terminal::capture_pane(*pane.tmux, pane.pane_id);
  if (!text) return l;
  l.captured = true;
  l.text = redact_secrets(*text);
  l.approval = terminal::inspect_tool_approval(terminal::visible_lines(l.text), pane.profile->screen);
  return l;
}

bool same_prompt(const terminal::ToolApproval& a, const terminal::ToolApproval& b) {
  if (a.heading != b.heading || a.options.size() != b.options.size()) return false;
  for (std::size_t i = 0; i < a.options.size(); ++i)
    if (a.options[i].label != b.options[i].label) return false;
  return true;
}

// Waits on the pane's changes (or a short step without them) until `done`
// says a look settles it or `wait` runs out; the last look either way.
template <typename Done>
Look look_until(const PaneTarget& pane, milliseconds wait, Done done) {
  const auto deadline = Clock::now() + wait;
  std::uint64_t seen = pane.changes ? pane.changes->version(pane.pane_id) : 0;
  for (;;) {
    auto l = look(pane);
    if (done(l) || Clock::now() >= deadline) return l;
    auto step = std::min(deadline, Clock::now() + milliseconds(100));
    if (pane.changes)
      seen = pane.changes->wait(pane.pane_id, seen, step);
    else
      std::this_thread::sleep_until(step);
  }
}

// The prompt once its screen has not changed for kSteady; nullopt when it
// went away meanwhile.
std::optional<terminal::ToolApproval> steady_prompt(const PaneTarget& pane,
                                                    const terminal::ToolApproval& seen) {
  const auto deadline = Clock::now() + kGone;
  Look last = look(pane);
  auto since = Clock::now();
  for (;;) {
    if (last.captured && (!last.approval || !same_prompt(*last.approval, seen))) return std::nullopt;
    if (Clock::now() - since >= kSteady || Clock::now() >= deadline) return last.approval;
    auto step = std::min(deadline, since + kSteady);
    if (pane.changes)
      (void)pane.changes->wait(pane.pane_id, pane.changes->version(pane.pane_id), step);
    else
      std::this_thread::sleep_until(step);
    Look next = look(pane);
    if (!next.captured || next.text != last.text) since = Clock::now();
    last = std::move(next);
  }
}

void record(caf::actor_system& sys, const store_writer_actor& writer, events::Draft draft) {
  if (auto r = append_blocking(sys, writer, {std::move(draft)}); !r)
    spdlog::error("cannot record a tool approval event: {}", r.error().message);
}

std::string prompt_key(const terminal::ToolApproval& a) {
  std::string key = a.heading;
  for (const auto& o : a.options) key += "\n" + o.label;
  return key;
}

// Leaves the prompt for the person; recorded once while it shows.
void leave(caf::actor_system& sys, const store_writer_actor& writer, const PaneTarget& pane,
           const terminal::ToolApproval& a, const std::string& reason, const std::string& detail) {
  auto key = prompt_key(a);
  if (pane.approvals->left == key) return;
  pane.approvals->left = key;
  record(sys, writer, events::to_draft(events::McpApprovalLeft{pane.agent_id, a.server, a.tool,
                                                               reason, detail}));
}

bool shows_choice_selected(const Look& l, const terminal::ToolApproval& a) {
  return l.approval && same_prompt(*l.approval, a) && l.approval->selected == a.choice;
}

bool gone(const Look& l, const terminal::ToolApproval& a) {
  return l.captured && (!l.approval || !same_prompt(*l.approval, a));
}

// Selects the chosen option, reads it back, presses Enter and sees the
// prompt go; the reason it was left otherwise (empty when answered).
std::string answer(const PaneTarget& pane, const terminal::ToolApproval& a) {
  auto keys = terminal::keys_to_choice(a);
  if (!keys.empty()) {
    if (!terminal::send_keys(*pane.tmux, pane.pane_id, keys)) return "the keys could not be sent";
    auto back = look_until(pane, kReadback, [&](const Look& l) {
      return gone(l, a) || shows_choice_selected(l, a);
    });
    if (!shows_choice_selected(back, a))
      return "after the arrow keys the screen did not show '" + a.choice_label() + "' selected";
  }
  if (!terminal::send_keys(*pane.tmux, pane.pane_id, {"Enter"})) return "Enter could not be sent";
  auto after = look_until(pane, kGone, [&](const Look& l) { return gone(l, a); });
  if (!gone(after, a)) return "the prompt stayed after Enter";
  return "";
}

}  // namespace

bool handle_tool_approval(caf::actor_system& sys, const store_writer_actor& writer,
                          const PaneTarget& pane, const PaneScreen& screen) {
  if (!pane.approvals) return false;
  if (!screen.approval) {
    if (screen.state != "unknown") pane.approvals->left.clear();
    return false;
  }
  const auto& seen = *screen.approval;
  if (pane.approvals->left == prompt_key(seen)) return false;  // the person's to answer
  if (seen.server != pane.approvals->server) {
    leave(sys, writer, pane, seen, "other_server",
          "a tool of the '" + seen.server + "' server is the person's to allow");
    return false;
  }
  if (!seen.answerable()) {
    leave(sys, writer, pane, seen, "no_clear_option", seen.problem);
    return false;
  }
  auto now = steady_prompt(pane, seen);
  if (!now) return true;  // gone by itself: read the screen again
  if (!now->answerable() || now->server != pane.approvals->server) return false;
  if (auto why = answer(pane, *now); !why.empty()) {
    leave(sys, writer, pane, *now, "not_confirmed", why);
    return true;
  }
  record(sys, writer,
         events::to_draft(events::McpApprovalAnswered{pane.agent_id, now->server, now->tool,
                                                      now->choice_label(), now->scope()}));
  return true;
}

}  // namespace ta::actors
