#include "util/redact_rules.h"

#include <algorithm>
#include <string>

namespace ta::redact_detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_upper_alnum(char c) { return is_upper(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_quote(char c) { return c == '"' || c == '\'' || c == '`'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether an ANSI control sequence ("\x1b[39m") ends right before `i`: its
// final letter is no part of what follows (raw captures keep colours).
bool after_escape(std::string_view t, std::size_t i) {
  if (i < 3 || !is_alpha(t[i - 1])) return false;
  std::size_t j = i - 1;
  while (j > 0 && (is_digit(t[j - 1]) || t[j - 1] == ';' || t[j - 1] == ':' || t[j - 1] == '?')) --j;
  return j >= 2 && t[j - 1] == '[' && t[j - 2] == '\x1b';
}

// A token starts here: nothing of a token's alphabet right before it.
bool starts_token(std::string_view t, std::size_t i) {
  return i == 0 || !is_key_char(t[i - 1]) || after_escape(t, i);
}

bool equals_ci(std::string_view t, std::size_t i, std::string_view word) {
  if (i + word.size() > t.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (lower(t[i + k]) != word[k]) return false;
  return true;
}

// Next place at or after `from` where lowercase `word` occurs, ignoring case.
std::size_t find_ci(std::string_view t, std::string_view word, std::size_t from) {
  for (std::size_t i = from; i + word.size() <= t.size(); ++i)
    if (lower(t[i]) == word[0] && equals_ci(t, i, word)) return i;
  return std::string_view::npos;
}

struct Classes {
  bool lower = false, upper = false, digit = false;
  bool symbol = false;  // + / = _ : base64 and token punctuation
  bool hump = false;    // an uppercase letter right after a lowercase one
};

Classes classes_of(std::string_view v) {
  Classes c;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char ch = v[i];
    c.lower |= is_lower(ch);
    c.upper |= is_upper(ch);
    c.digit |= is_digit(ch);
    c.symbol |= ch == '+' || ch == '/' || ch == '=' || ch == '_';
    c.hump |= i > 0 && is_upper(ch) && is_lower(v[i - 1]);
  }
  return c;
}

// `msg_0123456789ab`, `res_…`: the product's own ids are not secrets.
bool is_own_id(std::string_view v) {
  auto us = v.find('_');
  if (us == std::string_view::npos || us < 2 || us > 10 || v.size() != us + 13) return false;
  for (std::size_t i = 0; i < us; ++i)
    if (!is_lower(v[i])) return false;
  for (std::size_t i = us + 1; i < v.size(); ++i)
    if (!is_digit(v[i]) && !(v[i] >= 'a' && v[i] <= 'f')) return false;
  return true;
}

// A value after "key:" or "password=" that is a secret rather than a word,
// a path or an id: long, and random-looking (digits and letters, or both cases).
bool looks_like_key(std::string_view v) {
  if (v.size() < 16 || v[0] == '/' || v[0] == '.' || v[0] == '~' || is_own_id(v)) return false;
  auto c = classes_of(v);
  if (c.digit && (c.lower || c.upper)) return true;
  return c.lower && c.upper && v.size() >= 24;
}

// A value after "Bearer" or "Authorization:": shorter ones count, a plain word does not.
bool looks_like_token(std::string_view v) {
  if (v.size() < 8) return false;
  auto c = classes_of(v);
  return c.digit || c.symbol || c.hump || v.size() >= 20;
}

std::size_t run_end(std::string_view t, std::size_t i, Alphabet a) {
  while (i < t.size() && in_alphabet(t[i], a)) ++i;
  return i;
}

// A value's end without the sentence's full stop or comma.
std::size_t trim_punctuation(std::string_view t, std::size_t begin, std::size_t end) {
  while (end > begin && (t[end - 1] == '.' || t[end - 1] == ',')) --end;
  return end;
}

std::size_t skip_blanks(std::string_view t, std::size_t i) {
  while (i < t.size() && is_blank(t[i])) ++i;
  return i;
}

// Consumes a token's body from `i`: characters `ok` takes and, between them,
// masks or ellipses ("sk-ant-...TAIL", "sk-proj-****abcd"). `n` counts the
// real characters.
std::size_t consume_body(std::string_view t, std::size_t i, bool (*ok)(char), bool masks,
                         std::size_t& n) {
  n = 0;
  for (;;) {
    while (i < t.size() && ok(t[i])) ++i, ++n;
    if (!masks) return i;
    std::size_t j = i;
    while (std::size_t m = mask_length(t, j)) j += m;
    if (j == i || j >= t.size() || !ok(t[j])) return i;
    i = j;
  }
}

struct Prefix {
  std::string_view text;
  std::size_t min_body;
  std::size_t exact_body;  // 0: any length from min_body
  bool (*body)(char);
  const char* kind;
  bool masks = false;  // shown ellipsised or masked ("sk-ant-...TAIL")
};

const Prefix kPrefixes[] = {
  // OpenAI and Anthropic (sk-, sk-proj-, sk-svcacct-, sk-ant-api03-, …), OpenRouter (sk-or-).
  {"sk-", 4, 0, is_key_char, "provider_key", true},
  {"sk_live_", 10, 0, is_alnum, "provider_key"},  // Stripe
  {"sk_test_", 10, 0, is_alnum, "provider_key"},
  {"rk_live_", 10, 0, is_alnum, "provider_key"},
  {"AKIA", 16, 16, is_upper_alnum, "aws_access_key"},
  {"ASIA", 16, 16, is_upper_alnum, "aws_access_key"},
  {"ghp_", 20, 0, is_alnum, "github_token"},
  {"gho_", 20, 0, is_alnum, "github_token"},
  {"ghu_", 20, 0, is_alnum, "github_token"},
  {"ghs_", 20, 0, is_alnum, "github_token"},
  {"ghr_", 20, 0, is_alnum, "github_token"},
  {"github_pat_", 20, 0, is_key_char, "github_token"},
  {"glpat-", 20, 0, is_key_char, "gitlab_token"},
  {"gldt-", 20, 0, is_key_char, "gitlab_token"},
  {"glrt-", 20, 0, is_key_char, "gitlab_token"},
  {"xoxa-", 10, 0, is_key_char, "slack_token"},
  {"xoxb-", 10, 0, is_key_char, "slack_token"},
  {"xoxp-", 10, 0, is_key_char, "slack_token"},
  {"xoxr-", 10, 0, is_key_char, "slack_token"},
  {"xoxs-", 10, 0, is_key_char, "slack_token"},
  {"xapp-", 10, 0, is_key_char, "slack_token"},
  {"AIza", 30, 0, is_key_char, "google_api_key"},
  {"hf_", 30, 0, is_alnum, "huggingface_token"},
  {"npm_", 30, 0, is_alnum, "npm_token"},
};

struct Keyword {
  std::string_view word;
  const char* kind;
};

const Keyword kKeywords[] = {
  {"key", "secret"},           {"keys", "secret"},          {"apikey", "secret"},
  {"token", "secret"},         {"tokens", "secret"},        {"secret", "secret"},
  {"secrets", "secret"},       {"credential", "secret"},    {"credentials", "secret"},
  {"password", "password"},    {"passwords", "password"},   {"passwd", "password"},
  {"passphrase", "password"},
};

// The keyword `word` ends with, when it starts a part of it ("api_key",
// "x-api-key", "apiKey"; not "monkey").
const Keyword* keyword_at_end(std::string_view t, std::size_t b, std::size_t e) {
  for (const auto& k : kKeywords) {
    if (e - b < k.word.size()) continue;
    std::size_t at = e - k.word.size();
    if (!equals_ci(t, at, k.word)) continue;
    if (at == b || t[at - 1] == '_' || t[at - 1] == '-' ||
        (is_upper(t[at]) && is_lower(t[at - 1])))
      return &k;
  }
  return nullptr;
}

// After a keyword: an optional closing quote, then =, :, :=, => or blanks, then
// an optional opening quote. npos when nothing separates a value.
std::size_t value_start(std::string_view t, std::size_t i) {
  std::size_t start = i;
  if (i < t.size() && is_quote(t[i])) ++i;
  i = skip_blanks(t, i);
  if (t.compare(i, 2, ":=") == 0 || t.compare(i, 2, "=>") == 0)
    i += 2;
  else if (i < t.size() && (t[i] == ':' || t[i] == '='))
    ++i;
  i = skip_blanks(t, i);
  bool separated = i > start && !(i == start + 1 && is_quote(t[start]));
  if (!separated) return std::string_view::npos;
  if (i < t.size() && is_quote(t[i])) ++i;
  return i;
}

// "AWS Secret Access Key: …", "aws_secret_access_key = …" (same line, just before).
bool names_aws_secret(std::string_view t, std::size_t value) {
  std::size_t line = t.rfind('\n', value == 0 ? 0 : value - 1);
  line = line == std::string_view::npos ? 0 : line + 1;
  std::size_t from = value - line > 60 ? value - 60 : line;
  std::string before;
  for (std::size_t i = from; i < value; ++i) before += lower(t[i]);
  return before.find("aws") != std::string::npos && before.find("secret") != std::string::npos;
}

}  // namespace

bool is_key_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }

bool in_alphabet(char c, Alphabet a) {
  if (is_key_char(c)) return true;
  return a == Alphabet::base64 && (c == '+' || c == '/' || c == '=' || c == '.' || c == '~');
}

std::size_t mask_length(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  if (t[i] == '*') return 1;
  if (t.compare(i, 3, "...") == 0) return 3;
  if (t.compare(i, 3, "\xE2\x80\xA6") == 0) return 3;  // …
  if (t.compare(i, 3, "\xE2\x80\xA2") == 0) return 3;  // •
  return 0;
}

std::size_t border_length(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  if (t[i] == '|') return 1;
  for (std::string_view b : {"\xE2\x94\x82", "\xE2\x94\x83", "\xE2\x95\x91", "\xE2\x96\x8C"})
    if (t.compare(i, b.size(), b) == 0) return b.size();  // │ ┃ ║ ▌
  return 0;
}

// How many key characters continue a token cut at `end` by the pane's (or
// its box's) right edge: the run that starts the next line, when nothing
// but a border lies between `end` and the line's end and the run looks
// random (a digit, or a lower-to-upper hump), as a wrapped key does.
std::size_t wrapped_body(std::string_view t, std::size_t end) {
  std::size_t i = end + border_length(t, end);
  if (i < t.size() && t[i] == '\r') ++i;
  if (i >= t.size() || t[i] != '\n') return 0;
  ++i;
  for (;;) {
    if (i < t.size() && is_blank(t[i])) ++i;
    else if (std::size_t b = border_length(t, i)) i += b;
    else break;
  }
  std::size_t b = i;
  bool random = false;
  for (; i < t.size() && is_key_char(t[i]); ++i)
    random = random || (t[i] >= '0' && t[i] <= '9') || (i > b && is_upper(t[i]) && is_lower(t[i - 1]));
  return random ? i - b : 0;
}

void find_prefixed(std::string_view t, std::vector<Span>& out) {
  for (const auto& p : kPrefixes) {
    for (auto at = t.find(p.text); at != std::string_view::npos; at = t.find(p.text, at + 1)) {
      if (!starts_token(t, at)) continue;
      std::size_t n = 0;
      std::size_t end = consume_body(t, at + p.text.size(), p.body, p.masks, n);
      bool whole = !p.exact_body || (n == p.exact_body && (end >= t.size() || !is_key_char(t[end])));
      // Cut short by the pane's edge ("sk-" here, the rest below): the
      // wrapped tails are added with the span.
      bool cut = !p.exact_body && n < p.min_body && n + wrapped_body(t, end) >= p.min_body;
      if ((n >= p.min_body && whole) || cut)
        out.push_back({at, end, p.kind, 0, Alphabet::key, true});
      // Without masks no token can start inside a body; with them, one that
      // did would be part of this one. Either way the search goes on after it.
      at = std::max(at, end - 1);
    }
  }
}

void find_jwts(std::string_view t, std::vector<Span>& out) {
  for (auto at = t.find("eyJ"); at != std::string_view::npos; at = t.find("eyJ", at + 1)) {
    if (!starts_token(t, at) || (at > 0 && t[at - 1] == '.')) continue;
    std::size_t i = at, len[3] = {0, 0, 0};
    int parts = 0;
    for (; parts < 3; ++parts) {
      std::size_t b = i;
      i = run_end(t, i, Alphabet::key);
      len[parts] = i - b;
      if (parts == 2) continue;
      if (i >= t.size() || t[i] != '.') break;
      ++i;
    }
    if (parts == 3 && len[0] >= 10 && len[1] >= 10) out.push_back({at, i, "jwt", 0, Alphabet::key, true});
  }
}

void find_auth_headers(std::string_view t, std::vector<Span>& out) {
  for (auto at = find_ci(t, "bearer", 0); at != std::string_view::npos;
       at = find_ci(t, "bearer", at + 1)) {
    if (at > 0 && is_alpha(t[at - 1])) continue;
    std::size_t v = at + 6;
    if (v >= t.size() || !is_blank(t[v])) continue;
    v = skip_blanks(t, v);
    std::size_t e = trim_punctuation(t, v, run_end(t, v, Alphabet::base64));
    if (looks_like_token(t.substr(v, e - v)))
      out.push_back({v, e, "bearer_token", 1, Alphabet::base64, true});
  }
  for (auto at = find_ci(t, "authorization", 0); at != std::string_view::npos;
       at = find_ci(t, "authorization", at + 1)) {
    if (at > 0 && is_alpha(t[at - 1])) continue;
    std::size_t i = at + 13;
    if (i < t.size() && is_quote(t[i])) ++i;
    i = skip_blanks(t, i);
    if (i >= t.size() || (t[i] != ':' && t[i] != '=')) continue;
    i = skip_blanks(t, i + 1);
    if (i < t.size() && is_quote(t[i])) ++i;
    std::size_t first_end = run_end(t, i, Alphabet::base64);
    std::size_t second = skip_blanks(t, first_end);
    std::size_t second_end = trim_punctuation(t, second, run_end(t, second, Alphabet::base64));
    bool scheme = first_end > i && second > first_end && second_end > second &&
                  classes_of(t.substr(i, first_end - i)).digit == false;
    if (scheme && second_end - second >= 6) {  // "Basic dXNlcjpw", "Bearer …", "token …"
      out.push_back({second, second_end, "authorization", 1, Alphabet::base64, true});
      continue;
    }
    std::size_t e = trim_punctuation(t, i, first_end);
    if (looks_like_token(t.substr(i, e - i)))
      out.push_back({i, e, "authorization", 1, Alphabet::base64, true});
  }
}

void find_after_keywords(std::string_view t, std::vector<Span>& out) {
  std::size_t i = 0;
  while (i < t.size()) {
    if (!is_key_char(t[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < t.size() && is_key_char(t[i])) ++i;
    const Keyword* k = keyword_at_end(t, b, i);
    if (!k) continue;
    std::size_t v = value_start(t, i);
    if (v == std::string_view::npos) continue;
    std::size_t e = trim_punctuation(t, v, run_end(t, v, Alphabet::base64));
    if (!looks_like_key(t.substr(v, e - v))) continue;
    const char* kind = names_aws_secret(t, v) ? "aws_secret_key" : k->kind;
    out.push_back({v, e, kind, 2, Alphabet::base64, true});
    i = e;
  }
}

void find_private_keys(std::string_view t, std::vector<Span>& out) {
  for (auto at = t.find("-----BEGIN "); at != std::string_view::npos;
       at = t.find("-----BEGIN ", at + 1)) {
    std::size_t eol = std::min(t.find('\n', at), t.size());
    std::size_t label = t.substr(at, eol - at).find("PRIVATE KEY-----");
    if (label == std::string_view::npos) continue;
    label += at;
    std::size_t end = t.size();
    if (auto stop = t.find("-----END ", label); stop != std::string_view::npos) {
      auto dashes = t.find("-----", stop + 9);
      end = dashes == std::string_view::npos ? t.size() : dashes + 5;
    }
    out.push_back({at, end, "private_key", 0, Alphabet::key, false});
    at = end - 1;
  }
}

}  // namespace ta::redact_detail
