#pragma once
// How an event payload struct declares itself: TA_EVENT inside the struct
// names its event type and schema version; TA_EVENT_JSON after it makes its
// fields the event's `data` (a field missing from older data takes its
// default).
#include <string_view>

#include <nlohmann/json.hpp>

#define TA_EVENT(T, NAME, VERSION)                \
  static constexpr std::string_view kType = NAME; \
  static constexpr int kVersion = VERSION;

#define TA_EVENT_JSON(T, ...) NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(T, __VA_ARGS__)
