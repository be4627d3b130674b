#include "supervisor/pane_hosts.h"

#include <cstdlib>

#include <caf/io/middleman.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <nlohmann/json.hpp>

#include "actors/pane_host_gate.h"
#include "util/fs.h"

namespace ta::supervisor {

std::string pane_hosts_file(const config::Paths& paths) {
  return paths.team_dir + "/pane-hosts.json";
}

Result<PaneHostAddress> serve_pane_hosts(caf::actor_system& sys, const config::Paths& paths,
                                         const actors::supervisor_actor& supervisor,
                                         const std::string& run_id) {
  auto gate = sys.spawn(actors::pane_host_gate, supervisor);
  // Loopback only: the experiment of docs/scale-out.md. A listening address
  // for other machines needs authentication first (the gate admits anyone
  // who can connect).
  auto port = sys.middleman().publish(gate, 0, "127.0.0.1");
  if (!port) {
    caf::anon_send_exit(gate, caf::exit_reason::user_shutdown);
    return make_error("cannot serve pane hosts on 127.0.0.1: " + sys.render(port.error()));
  }
  PaneHostAddress a{"127.0.0.1", *port};
  nlohmann::json j{{"address", a.host}, {"port", a.port}, {"run_id", run_id}};
  if (auto st = write_file_atomic(pane_hosts_file(paths), j.dump() + "\n"); !st)
    return make_error("cannot record where pane hosts connect: " + st.error().message);
  return a;
}

Result<PaneHostAddress> read_pane_host_address(const config::Paths& paths) {
  const auto file = pane_hosts_file(paths);
  auto text = read_file(file);
  if (!text)
    return make_error("no run of this team serves pane hosts (" + file +
                      " is missing): start `team-agent run` first, or give --connect ADDR:PORT",
                      3);
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object() || !j.contains("port") || !j["port"].is_number_unsigned() ||
      !j.contains("address") || !j["address"].is_string())
    return make_error(file + " is not what `team-agent run` writes; remove it and start the run "
                             "again");
  PaneHostAddress a;
  a.host = j["address"].get<std::string>();
  a.port = j["port"].get<std::uint16_t>();
  return a;
}

Result<PaneHostAddress> parse_pane_host_address(const std::string& text) {
  const auto colon = text.rfind(':');
  const auto port_text = colon == std::string::npos ? "" : text.substr(colon + 1);
  char* end = nullptr;
  const long port = port_text.empty() ? 0 : std::strtol(port_text.c_str(), &end, 10);
  if (colon == 0 || colon == std::string::npos || port <= 0 || port > 65535 || *end != '\0')
    return make_error("--connect \"" + text + "\" is not ADDR:PORT (e.g. 127.0.0.1:4242)", 2);
  return PaneHostAddress{text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

}  // namespace ta::supervisor
