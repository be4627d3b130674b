#include "store/human_requests.h"

#include "store/rows.h"
#include "util/when.h"

namespace ta::store {

namespace {

constexpr const char* kColumns = R"sql(
SELECT request_id, agent_id, question, asked_at, answered_at, answer, message_id, options,
       asked_seq FROM human_requests )sql";

bool has_table(Database& db) {
  auto n = db.query_int(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'human_requests'");
  return n && *n > 0;
}

HumanRequestRow read_row(const Statement& row) {
  HumanRequestRow r;
  text_columns(row, 0, {&r.request_id, &r.agent_id, &r.question, &r.asked_at, &r.answered_at,
                        &r.answer, &r.message_id});
  auto options = events::Json::parse(row.column_text(7), nullptr, false);
  if (options.is_array())
    for (const auto& o : options)
      if (o.is_string()) r.options.push_back(o.get<std::string>());
  r.asked_seq = static_cast<std::uint64_t>(row.column_int(8));
  return r;
}

}  // namespace

Result<std::vector<HumanRequestRow>> open_human_requests(Database& db, const std::string& agent) {
  std::vector<HumanRequestRow> out;
  if (!has_table(db)) return out;
  auto st = db.prepare(std::string(kColumns) +
                       "WHERE answered_seq IS NULL AND (?1 = '' OR agent_id = ?1) "
                       "ORDER BY asked_seq");
  if (!st) return st.error();
  st->bind_text(1, agent);
  auto read = each_row(*st, [&](Statement& row) { out.push_back(read_row(row)); });
  if (!read) return read.error();
  return out;
}

Result<std::optional<HumanRequestRow>> find_human_request(Database& db,
                                                          const std::string& request_id) {
  std::optional<HumanRequestRow> out;
  if (!has_table(db)) return out;
  auto st = db.prepare(std::string(kColumns) + "WHERE request_id = ?1");
  if (!st) return st.error();
  st->bind_text(1, request_id);
  auto read = each_row(*st, [&](Statement& row) { out = read_row(row); });
  if (!read) return read.error();
  return out;
}

std::string human_requests_text(const std::vector<HumanRequestRow>& open) {
  if (open.empty()) return "";
  std::string out = "questions waiting for a person:\n";
  for (const auto& q : open) {
    out += "  " + q.request_id + " from " + q.agent_id + " (" + second_text(q.asked_at) + "): " + q.question;
    if (!q.options.empty()) {
      out += " [options:";
      for (size_t i = 0; i < q.options.size(); ++i) out += (i ? ", " : " ") + q.options[i];
      out += "]";
    }
    out += "\n    answer with: team-agent answer " + q.request_id + " \"...\"\n";
  }
  return out;
}

events::Json human_requests_json(const std::vector<HumanRequestRow>& open) {
  auto list = events::Json::array();
  for (const auto& q : open)
    list.push_back(events::Json{{"request_id", q.request_id},
                                {"agent_id", q.agent_id},
                                {"question", q.question},
                                {"options", q.options},
                                {"asked_at", q.asked_at},
                                {"asked_seq", q.asked_seq}});
  return list;
}

}  // namespace ta::store
