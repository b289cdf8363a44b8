// "music, chess" as typed (or in the `interests` URL parameter) -> the list the session takes.
#pragma once

#include <string>
#include <vector>

namespace novatalk::client {

// Splits at commas only; the session trims, lowercases and drops empty or invalid tags.
inline std::vector<std::string> split_interests(const std::string& text) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

}  // namespace novatalk::client
