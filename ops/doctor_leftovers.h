#pragma once
// `doctor`'s look for processes the team's panes left running (daemons
// their CLIs forked): each is a warning saying what ends it.
#include <vector>

#include "config/paths.h"
#include "ops/doctor.h"

namespace ta::ops {

std::vector<DoctorCheck> leftover_checks(const config::Paths& paths);

}  // namespace ta::ops
