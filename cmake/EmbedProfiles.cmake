# Writes OUT, a C++ file defining ta::config::builtin_profile_texts(): the
# name (file stem) and text of each provider profile in FILES (|-separated).
string(REPLACE "|" ";" FILES "${FILES}")
set(body "")
foreach(f ${FILES})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  # A raw string literal with a delimiter no profile will contain.
  string(APPEND body "    {\"${name}\", R\"taprofile(${text})taprofile\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from config/providers/*.json by cmake/EmbedProfiles.cmake.
#include <map>
#include <string>
#include <string_view>

namespace ta::config {

const std::map<std::string, std::string_view>& builtin_profile_texts() {
  static const std::map<std::string, std::string_view> texts = {
${body}  };
  return texts;
}

}  // namespace ta::config
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
