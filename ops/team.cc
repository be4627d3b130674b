#include "ops/team.h"

#include "store/projector.h"
#include "util/fs.h"

namespace ta::ops {

Result<std::optional<config::TeamSpec>> load_team_if_present(const std::string& path) {
  if (!file_exists(path)) return std::optional<config::TeamSpec>();
  auto spec = config::load_team_spec(path);
  if (!spec) return spec.error();
  return std::optional<config::TeamSpec>(std::move(*spec));
}

Result<std::unique_ptr<events::EventLog>> open_team_log(const config::Paths& paths,
                                                        const std::string& team) {
  events::LogOptions lo{team};
  lo.seq_floor = store::projection_seq_floor(paths);
  return events::EventLog::open(paths.events_dir, lo);
}

}  // namespace ta::ops
