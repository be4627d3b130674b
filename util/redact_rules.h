#pragma once
// The detectors behind redact_secrets (util/redact.h): each scans the whole
// text once, left to right, and reports where it sees a secret. No regexes:
// every loop advances, so a screen of any content costs linear time.
#include <cstddef>
#include <string_view>
#include <vector>

namespace ta::redact_detail {

// Which characters a secret's continuation on the next line may hold.
enum class Alphabet {
  key,     // [A-Za-z0-9_-]: provider keys and most tokens
  base64,  // also + / = . ~ : bearer tokens, AWS secrets, values after "password:" …
};

struct Span {
  std::size_t begin = 0, end = 0;
  const char* kind = "";
  int rank = 0;  // among spans starting at one place the lowest rank wins: the most specific kind
  Alphabet alphabet = Alphabet::key;
  bool may_wrap = true;  // a tail on the next line can belong to it
};

// Known token shapes: sk-… (also sk-ant-...TAIL, sk-…TAIL, masked forms),
// AKIA/ASIA…, ghp_/gho_/ghu_/ghs_/ghr_/github_pat_, glpat-, xox?-, AIza…, hf_, npm_.
void find_prefixed(std::string_view text, std::vector<Span>& out);
// eyJ….eyJ….sig triples.
void find_jwts(std::string_view text, std::vector<Span>& out);
// "Bearer <token>" and "Authorization: [scheme] <value>".
void find_auth_headers(std::string_view text, std::vector<Span>& out);
// Key-like values after words ending in key/token/secret/password/passwd/
// passphrase/credential(s), with =, :, => or spaces between.
void find_after_keywords(std::string_view text, std::vector<Span>& out);
// -----BEGIN … PRIVATE KEY----- blocks, to their END line or the text's end.
void find_private_keys(std::string_view text, std::vector<Span>& out);

// Character classes shared with the wrap handling.
bool is_key_char(char c);
bool in_alphabet(char c, Alphabet a);
// Bytes of a mask or ellipsis at `i` ("...", "…", "*", "•"), 0 when none.
std::size_t mask_length(std::string_view text, std::size_t i);
// Bytes of a box border at `i` ("│", "┃", "║", "|", "▌"), 0 when none.
std::size_t border_length(std::string_view text, std::size_t i);

}  // namespace ta::redact_detail
