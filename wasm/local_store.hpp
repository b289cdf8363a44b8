// localStorage for the UI (the age gate, the interest chips), through the page glue: never
// throws (storage is refused in sandboxed frames and some private modes: then nothing is kept).
#pragma once

#include <string>

namespace novatalk::client::local_store {

std::string load(const std::string& key);  // "" when absent or not available
void save(const std::string& key, const std::string& value);

}  // namespace novatalk::client::local_store
