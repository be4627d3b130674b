#include "cli/command.h"

namespace ta::cli {

void register_send(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("send", "(not built yet)");
  sub->callback([&ctx] { ctx.run = [] { return report(make_error("not built yet")); }; });
}

}  // namespace ta::cli
