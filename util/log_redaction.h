#pragma once
// Log lines pass the redactor too (util/redact.h): a line that quotes a
// screen, an error text or an argument shows no secret on stderr or in a
// log file, whoever wrote the spdlog call.

namespace ta {

// Puts a redacting sink in front of the default logger's sinks. Once, at start.
void redact_log_lines();

}  // namespace ta
