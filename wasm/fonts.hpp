// The font atlas: NovaTalk's type scale (wasm/ui_theme.hpp) rasterised at the device pixel
// ratio. The first frames use ImGui's built-in font (nothing to wait for); after the first frame
// the regular and bold faces are fetched from the URLs the page names (Module.ntFontUrls, from
// index.html: the content-hashed fonts/novatalk-sans*.ttf) and the atlas is rebuilt with them and
// the glyph ranges of wasm/font_ranges.hpp (Latin, Greek, Cyrillic, symbols).
#pragma once

#include <emscripten/val.h>

#include <string>
#include <vector>

namespace novatalk::client {

class fonts {
 public:
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

  std::string urls_[2];  // regular, bold: relative to the page
  std::vector<unsigned char> regular_;
  std::vector<unsigned char> bold_;
  float built_scale_ = 0;
  bool dirty_ = true;
  bool loading_ = false;
};

}  // namespace novatalk::client
