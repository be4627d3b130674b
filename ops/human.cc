#include "ops/human.h"

#include <optional>

#include "events/reader.h"
#include "events/types.h"
#include "ops/errors.h"
#include "ops/send.h"
#include "ops/team.h"
#include "util/ids.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace ta::ops {

namespace {

Result<config::TeamSpec> the_team(const config::Paths& paths) {
  auto spec = load_team_if_present(paths.team_json);
  if (!spec) return spec.error();
  if (!*spec)
    return usage_error("no team spec at " + paths.team_json +
                       "; run this inside the team's workspace (or pass --workspace)");
  return std::move(**spec);
}

Status check_question(const std::string& question, const std::vector<std::string>& options) {
  if (question.find_first_not_of(" \t\r\n") == std::string::npos)
    return usage_error("the question is empty; say what you need a person to decide or do");
  if (question.size() > kMaxQuestionBytes)
    return usage_error("the question is " + std::to_string(question.size()) +
                       " bytes, over the 64 KiB limit; shorten it and point to a file for the "
                       "details");
  if (options.size() > kMaxQuestionOptions)
    return usage_error("the question offers " + std::to_string(options.size()) +
                       " options, over the limit of 20; offer fewer");
  if (first_invalid_utf8(question) != std::string::npos)
    return usage_error("the question is not valid UTF-8; convert it and ask again");
  for (const auto& o : options)
    if (o.empty() || o.size() > 1024 || first_invalid_utf8(o) != std::string::npos)
      return usage_error("each option must be 1 to 1024 bytes of UTF-8; fix the options and ask "
                         "again");
  return ok_status();
}

struct Asked {
  events::HumanRequested request;
  std::optional<events::HumanAnswered> answer;
};

// The question and its answer, read from the log itself: the projections
// may lag behind a running supervisor, and an answer must find a question
// asked a moment ago.
Result<std::optional<Asked>> find_question(const config::Paths& paths, const std::string& id) {
  std::optional<Asked> found;
  events::LogReader reader(paths.events_dir);
  events::Event e;
  for (auto next = reader.next(e); next != events::LogReader::Next::end; next = reader.next(e)) {
    if (next == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (e.data.value("request_id", "") != id) continue;
    if (e.type == events::HumanRequested::kType && !found) {
      auto r = events::decode<events::HumanRequested>(e);
      if (r) found = Asked{*r, std::nullopt};
    } else if (e.type == events::HumanAnswered::kType && found && !found->answer) {
      auto a = events::decode<events::HumanAnswered>(e);
      if (a) found->answer = *a;
    }
  }
  return found;
}

}  // namespace

Result<HumanQuestion> ask_human(const config::Paths& paths, const std::string& agent,
                                const std::string& question,
                                const std::vector<std::string>& options) {
  auto spec = the_team(paths);
  if (!spec) return spec.error();
  if (!spec->find(agent))
    return usage_error("unknown agent \"" + agent + "\"; the team's agents are: " +
                       join(spec->member_ids()));
  if (auto st = check_question(question, options); !st) return st.error();
  HumanQuestion q{"hq_" + random_hex12(), 0};
  auto log = open_team_log(paths, spec->team);
  if (!log) return log.error();
  auto appended = (*log)->append(
      events::to_draft(events::HumanRequested{q.request_id, agent, question, options}));
  if (!appended) return appended.error();
  q.seq = appended->seq;
  return q;
}

Result<HumanAnswer> answer_human(const config::Paths& paths, const std::string& request_id,
                                 const std::string& text) {
  if (!is_prefixed_hex12(request_id, "hq_"))
    return usage_error("\"" + request_id + "\" is not a question id (hq_ and 12 lowercase hex "
                       "digits); `team-agent status` lists the open questions");
  auto spec = the_team(paths);
  if (!spec) return spec.error();
  if (auto st = check_message_text(text); !st) return st.error();
  auto asked = find_question(paths, request_id);
  if (!asked) return asked.error();
  if (!*asked)
    return usage_error("no agent asked question " + request_id +
                       "; `team-agent status` lists the open questions");
  HumanAnswer out{request_id, (*asked)->request.agent_id, "msg_" + request_id.substr(3), 0, false};
  if (const auto& done = (*asked)->answer) {
    if (done->answer != text)
      return usage_error("question " + request_id + " was already answered (\"" + done->answer +
                         "\"); send a new message with `team-agent send " + out.agent_id +
                         "` to say more");
    out.duplicate = true;
  }
  SendRequest r;
  r.target = out.agent_id;
  r.message_id = out.message_id;  // a retry finds the same message
  auto sent = send_message(paths, *spec, r,
                           "Answer to your question " + request_id + ": " + text);
  if (!sent) return sent.error();
  out.message_seq = sent->front().seq;
  if (out.duplicate) return out;
  auto log = open_team_log(paths, spec->team);
  if (!log) return log.error();
  auto appended = (*log)->append(events::to_draft(
      events::HumanAnswered{request_id, out.agent_id, text, out.message_id},
      "answered:" + request_id));
  if (!appended) return appended.error();
  return out;
}

}  // namespace ta::ops
