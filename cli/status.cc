#include "cli/command.h"

namespace ta::cli {

void register_status(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("status", "(not built yet)");
  sub->callback([&ctx] { ctx.run = [] { return report(make_error("not built yet")); }; });
}

}  // namespace ta::cli
