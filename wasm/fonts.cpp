// fetch() -> arrayBuffer() -> copied into wasm memory; the atlas owns nothing (the bytes stay
// here, so a ratio change rebuilds without fetching again).
#include "wasm/fonts.hpp"

#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <cstdio>

#include "wasm/font_ranges.hpp"
#include "wasm/js_util.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

static_assert(sizeof(ImWchar) == sizeof(unsigned short), "font_glyph_ranges are 16-bit");

fonts* instance = nullptr;

// Headings and buttons are our own words: Latin and punctuation are enough, and they keep the
// large bold sizes small in the atlas. Everything people type is drawn in the body faces.
constexpr ImWchar own_words_ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0xFFFD, 0xFFFD, 0};

const ImWchar* ranges_for(theme::font_role r) {
  if (theme::is_bold(r)) return own_words_ranges;
  return reinterpret_cast<const ImWchar*>(font_glyph_ranges);
}

void on_response(int which, val response) {
  if (!instance) return;
  if (!response["ok"].as<bool>()) {
    instance->on_failed(which, "HTTP " + std::to_string(response["status"].as<int>()));
    return;
  }
  js_result r = try_call(response, "arrayBuffer");
  if (!r.ok) {
    instance->on_failed(which, r.error);
    return;
  }
  r.value.call<void>("then", bound("ntFontBytes", which), bound("ntFontFailed", which));
}
void on_bytes(int which, val buffer) {
  if (instance) instance->on_bytes(which, buffer);
}
void on_failed(int which, val error) {
  if (instance) instance->on_failed(which, error.call<std::string>("toString"));
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_fonts) {
  emscripten::function("ntFontResponse", &on_response);
  emscripten::function("ntFontBytes", &on_bytes);
  emscripten::function("ntFontFailed", &on_failed);
}

fonts::fonts() { instance = this; }
fonts::~fonts() {
  if (instance == this) instance = nullptr;
}

void fonts::start_loading() {
  if (loading_) return;
  loading_ = true;
  // Named by the page (shell/loader.js, from index.html), so the build can hash the file names.
  val named = val::module_property("ntFontUrls");
  if (!val::global("Array").call<bool>("isArray", named) || named["length"].as<int>() != 2 ||
      !named[0].isString() || !named[1].isString()) {
    on_failed(0, "the page names no [regular, bold] Module.ntFontUrls");
    return;
  }
  for (int which = 0; which < 2; ++which) {
    urls_[which] = named[which].as<std::string>();
    js_result r = try_call(val::global("window"), "fetch", urls_[which]);
    if (!r.ok) {
      on_failed(which, r.error);
    } else {
      r.value.call<void>("then", bound("ntFontResponse", which), bound("ntFontFailed", which));
    }
  }
}

void fonts::on_bytes(int which, const val& buffer) {
  val bytes = val::global("Uint8Array").new_(buffer);
  std::vector<unsigned char>& dst = which == 0 ? regular_ : bold_;
  dst.resize(bytes["length"].as<std::size_t>());
  // No allocation between the view and the copy: the view stays valid.
  val view(emscripten::typed_memory_view(dst.size(), dst.data()));
  view.call<void>("set", bytes);
  dirty_ = true;
}

void fonts::on_failed(int which, const std::string& why) {
  // The built-in font stays (Latin only); the page keeps working.
  const std::string& url = urls_[which == 0 ? 0 : 1];
  std::fprintf(stderr, "[novatalk] %s font not loaded (%s): %s\n", which == 0 ? "regular" : "bold",
               url.c_str(), why.c_str());
}

bool fonts::update(float scale) {
  if (!dirty_ && scale == built_scale_) return false;
  // Wait for both faces, so the atlas is rebuilt (and the page stalls) once, not twice.
  if (dirty_ && scale == built_scale_ && (regular_.empty() || bold_.empty())) return false;
  build(scale);
  return true;
}

void fonts::build(float scale) {
  const double started = emscripten_get_now();
  ImGuiIO& io = ImGui::GetIO();
  if (built_scale_ != 0) ImGui_ImplOpenGL3_DestroyFontsTexture();
  io.Fonts->Clear();
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  const bool own = !regular_.empty() && !bold_.empty();
  for (int i = 0; i < static_cast<int>(theme::font_role::count); ++i) {
    const auto role = static_cast<theme::font_role>(i);
    ImFontConfig cfg;
    cfg.SizePixels = std::round(theme::size_px(role) * scale);
    // Sharp enough at 2x and 3x without horizontal oversampling, which triples the atlas.
    cfg.OversampleH = scale >= 2 ? 1 : 2;
    cfg.OversampleV = 1;
    ImFont* f = nullptr;
    if (own) {
      std::vector<unsigned char>& data = theme::is_bold(role) ? bold_ : regular_;
      cfg.FontDataOwnedByAtlas = false;
      f = io.Fonts->AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()), cfg.SizePixels,
                                         &cfg, ranges_for(role));
    } else {
      f = io.Fonts->AddFontDefault(&cfg);
    }
    theme::set_font(role, f);
    if (role == theme::font_role::body) io.FontDefault = f;
  }
  io.Fonts->Build();
  if (built_scale_ != 0) ImGui_ImplOpenGL3_CreateFontsTexture();
  // What a rebuild costs (the page stalls for it): worth seeing in the console.
  std::printf("[novatalk] font atlas %dx%d at %.2gx (%s) in %.0f ms\n", io.Fonts->TexWidth,
              io.Fonts->TexHeight, scale, own ? "DejaVu" : "built-in",
              emscripten_get_now() - started);
  built_scale_ = scale;
  dirty_ = false;
}

}  // namespace novatalk::client
