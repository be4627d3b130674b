#pragma once
// `doctor`'s look at the team's agent CLIs: for each provider program the
// team would start, where it is (found as its pane will find it), what its
// `--version` says, and for a CLI that is a Node script, whether the Node on
// that PATH satisfies the engines.node its package declares.
#include <vector>

#include "config/paths.h"
#include "config/team_spec.h"
#include "ops/doctor.h"

namespace ta::ops {

std::vector<DoctorCheck> provider_checks(const config::Paths& paths, const config::TeamSpec& spec);

}  // namespace ta::ops
