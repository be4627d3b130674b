#pragma once
// `doctor`'s look for processes the team's panes left running (daemons
// their CLIs forked): each is a warning saying what ends it.
#include <vector>

#include "cli/doctor_providers.h"
#include "config/paths.h"

namespace ta::cli {

std::vector<DoctorCheck> leftover_checks(const config::Paths& paths);

}  // namespace ta::cli
