#include "util/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace ta {

struct Regex::Code {
  pcre2_code* code = nullptr;
  explicit Code(pcre2_code* c) : code(c) {}
  ~Code() { pcre2_code_free(code); }
  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;
};

namespace {

struct MatchData {
  pcre2_match_data* data;
  explicit MatchData(const pcre2_code* code)
      : data(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(data); }
  MatchData(const MatchData&) = delete;
  MatchData& operator=(const MatchData&) = delete;
};

std::string pcre2_message(int code) {
  PCRE2_UCHAR buf[256];
  int n = pcre2_get_error_message(code, buf, sizeof buf);
  if (n < 0) return "error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace

Result<Regex> Regex::compile(std::string_view pattern, bool caseless) {
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  if (caseless) options |= PCRE2_CASELESS;
  int err = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &err, &offset, nullptr);
  if (!code)
    return make_error("invalid regular expression at offset " + std::to_string(offset) + ": " +
                      pcre2_message(err));
  // JIT is only a speed-up; the interpreter gives the same answers without it.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  Regex r;
  r.code_ = std::make_shared<const Code>(code);
  r.pattern_ = std::string(pattern);
  return r;
}

std::optional<RegexMatch> Regex::find(std::string_view subject, std::size_t start) const {
  if (!code_ || start > subject.size()) return std::nullopt;
  MatchData md(code_->code);
  if (!md.data) return std::nullopt;
  auto subject_ptr = reinterpret_cast<PCRE2_SPTR>(subject.data());
  int rc = pcre2_match(code_->code, subject_ptr, subject.size(), start, 0, md.data, nullptr);
  // The JIT's small default stack can run out on a long subject; the
  // interpreter gives the same answer without that limit.
  if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
    rc = pcre2_match(code_->code, subject_ptr, subject.size(), start, PCRE2_NO_JIT, md.data,
                     nullptr);
  if (rc < 0) return std::nullopt;
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.data);
  RegexMatch m;
  m.begin = ov[0];
  m.end = ov[1];
  // \K can put the start after the end; report an empty match then.
  if (m.end < m.begin) m.end = m.begin;
  m.text = subject.substr(m.begin, m.end - m.begin);
  uint32_t groups = 0;
  pcre2_pattern_info(code_->code, PCRE2_INFO_CAPTURECOUNT, &groups);
  for (uint32_t g = 1; g <= groups; ++g) {
    if (static_cast<int>(g) >= rc) {
      m.groups.emplace_back();
      continue;
    }
    PCRE2_SIZE b = ov[2 * g], e = ov[2 * g + 1];
    m.groups.push_back(b == PCRE2_UNSET || e < b ? std::string_view{} : subject.substr(b, e - b));
  }
  return m;
}

std::size_t Regex::count(std::string_view subject) const {
  std::size_t n = 0;
  std::size_t pos = 0;
  while (auto m = find(subject, pos)) {
    ++n;
    pos = m->end > m->begin ? m->end : m->end + 1;
    if (pos > subject.size()) break;
  }
  return n;
}

}  // namespace ta
