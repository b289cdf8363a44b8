// The font atlas: NovaTalk's type scale (wasm/ui_theme.hpp) rasterised at the device pixel
// ratio. The first frames use ImGui's built-in font (nothing to wait for); after the first frame
// fonts/novatalk-sans.ttf and -bold.ttf are fetched and the atlas is rebuilt with them and the
// glyph ranges of wasm/font_ranges.hpp (Latin, Greek, Cyrillic, symbols).
#pragma once

#include <emscripten/val.h>

#include <string>
#include <vector>

namespace novatalk::client {

class fonts {
 public:
  static constexpr const char* regular_url = "fonts/novatalk-sans.ttf";  // relative to the page
  static constexpr const char* bold_url = "fonts/novatalk-sans-bold.ttf";

  fonts();
  ~fonts();
  fonts(const fonts&) = delete;
  fonts& operator=(const fonts&) = delete;

  void start_loading();  // once, after the first frame
  // Between frames: rebuilds the atlas when the ratio changed or a font arrived. True if it did
  // (the caller re-applies the style).
  bool update(float scale);

  void on_bytes(int which, const emscripten::val& array_buffer);
  void on_failed(int which, const std::string& why);

 private:
  void build(float scale);

  std::vector<unsigned char> regular_;
  std::vector<unsigned char> bold_;
  float built_scale_ = 0;
  bool dirty_ = true;
  bool loading_ = false;
};

}  // namespace novatalk::client
