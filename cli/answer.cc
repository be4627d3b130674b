// `team-agent answer REQUEST_ID TEXT...`: a person answers a question an
// agent asked (the request_human tool). The answer is recorded
// (human.answered) and sent to the agent that asked, as a message from
// `human` (ops/human.h).
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "config/paths.h"
#include "ops/human.h"
#include "ops/send.h"

namespace ta::cli {

namespace {

struct AnswerOptions {
  std::string request_id;
  std::vector<std::string> words;
  bool json = false;
};

int run_answer(const Context& ctx, const AnswerOptions& o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  bool from_stdin = o.words.size() == 1 && o.words[0] == "-";
  auto text = ops::read_message_text(from_stdin ? std::vector<std::string>{} : o.words, from_stdin);
  if (!text) return report(text.error());
  auto a = ops::answer_human(*paths, o.request_id, *text);
  if (!a) return report(a.error());
  bool running = config::supervisor_running(*paths);
  if (o.json) {
    nlohmann::json j{{"request_id", a->request_id}, {"agent_id", a->agent_id},
                     {"message_id", a->message_id}, {"seq", a->message_seq},
                     {"duplicate", a->duplicate}, {"supervisor_running", running}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("answered %s: %s \u2192 %s%s\n", a->request_id.c_str(), a->message_id.c_str(),
                a->agent_id.c_str(), a->duplicate ? " (already answered so; nothing new sent)" : "");
  }
  std::fflush(stdout);
  if (!running)
    std::fprintf(stderr, "no supervisor is running \u2014 the answer is delivered when "
                         "`team-agent run` starts\n");
  return running ? kExitOk : kExitNoSupervisor;
}

}  // namespace

void register_answer(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AnswerOptions>();
  auto* sub = app.add_subcommand(
      "answer",
      "Answer a question an agent asked a person (listed by `status`): the answer is recorded "
      "and sent to that agent as a message from human. Exit 0 sent, 2 bad input (no such "
      "question, already answered otherwise), 3 recorded but no supervisor is running.");
  sub->add_option("request_id", o->request_id, "The question's id (hq_…), as `status` shows it")
      ->required();
  sub->add_option("text", o->words, "The answer (words are joined with spaces); `-` reads stdin")
      ->required();
  sub->add_flag("--json", o->json,
                "Print one JSON object: request_id, agent_id, message_id, seq, duplicate");
  sub->callback([&ctx, o] { ctx.run = [&ctx, o] { return run_answer(ctx, *o); }; });
}

}  // namespace ta::cli
