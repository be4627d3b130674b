#include "ops/inspect_screen.h"

#include "config/provider_profile.h"

namespace ta::ops {

Result<terminal::ScreenReport> inspect_screen(const InspectRequest& request) {
  std::shared_ptr<const config::ProviderProfile> profile;
  if (request.provider.empty()) {
    profile = config::any_provider_profile();
  } else {
    auto loaded = config::load_provider_profile(request.provider, request.profile_workspace);
    if (!loaded) return loaded.error();
    profile = *loaded;
  }
  return terminal::inspect_capture(request.capture, *profile, request.trust, request.activity);
}

}  // namespace ta::ops
