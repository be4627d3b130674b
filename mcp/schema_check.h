#pragma once
// Checks a tool's arguments against its inputSchema: the subset of JSON
// Schema our tools use (type, properties, required, additionalProperties
// false, items, enum, minLength, maxLength, minimum, maximum, minItems,
// maxItems). A model gets one sentence naming the field and what it must
// be, so it can correct its call.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ta::mcp {

// The first problem of `value` against `schema`, as "<field>: <what is
// wrong>"; nullopt when it conforms.
std::optional<std::string> schema_problem(const nlohmann::json& value,
                                          const nlohmann::json& schema);

}  // namespace ta::mcp
