#pragma once
// Shared bits of the benchmarks: timing, percentiles, a printed table and a
// JSON record, so every bench reports a figure next to its baseline the same way.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ta::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

struct Row {
  std::string metric;
  std::string unit;
  double value;
  double baseline;
  std::string baseline_how;
  std::string target;  // e.g. ">= 100000"; empty when none
  bool met = true;
  bool lower_is_better = false;  // latencies and times: the ratio is baseline / value
};

// Prints the rows as a table and appends them to `json_path` (when not
// empty), one JSON object per line, so several benches can share one file.
inline void report(const std::string& bench, const std::vector<Row>& rows,
                   const std::string& json_path) {
  std::printf("\n%s\n", bench.c_str());
  std::printf("%-44s %14s %14s %8s  %-10s %s\n", "metric", "team-agent", "baseline", "better",
              "target", "baseline is");
  std::ofstream out;
  if (!json_path.empty()) out.open(json_path, std::ios::app);
  for (auto& r : rows) {
    double ratio = r.baseline <= 0 || r.value <= 0 ? 0
                   : r.lower_is_better             ? r.baseline / r.value
                                                   : r.value / r.baseline;
    std::printf("%-44s %14.1f %14.1f %7.1fx  %-10s %s\n", (r.metric + " (" + r.unit + ")").c_str(),
                r.value, r.baseline, ratio, (r.target + (r.target.empty() ? "" : r.met ? " ok" : " MISSED")).c_str(),
                r.baseline_how.c_str());
    if (out.is_open())
      out << nlohmann::json{{"bench", bench},   {"metric", r.metric},
                            {"unit", r.unit},     {"value", r.value},
                            {"baseline", r.baseline}, {"baseline_how", r.baseline_how},
                            {"target", r.target}, {"target_met", r.met},
                            {"lower_is_better", r.lower_is_better}}
                 .dump()
          << "\n";
  }
}

}  // namespace ta::bench
