#pragma once
// Recognises rendered team-agent messages (SPEC §3) in submitted text:
//   Team Agent message from <sender>[ for <task_id>]:
//   <content>
//   [team-agent-token:<message_id>]
#include <string>
#include <string_view>
#include <vector>

namespace ta::fake {

struct RenderedMessage {
  std::string sender;
  std::string task_id;  // empty when the header names no task
  std::string message_id;
};

// Every message id found in a `[team-agent-token:…]` marker, in order,
// duplicates included.
std::vector<std::string> find_tokens(std::string_view text);
// Each header line followed (later in the text) by a token; the first token
// after a header is that message's id.
std::vector<RenderedMessage> find_rendered_messages(std::string_view text);

}  // namespace ta::fake
