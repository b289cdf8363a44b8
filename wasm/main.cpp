// Browser entry point: GLFW window on the full-page canvas, Dear ImGui (WebGL2), fonts and style
// at the device pixel ratio, the main loop. The app is created once config.json says where the
// signaling server is; nothing waits before the first frame (the fonts come after it).
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/html5.h>
#include <emscripten/val.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>

#include "core/render/redraw_policy.hpp"
#include "wasm/app.hpp"
#include "wasm/draw_fingerprint.hpp"
#include "wasm/fonts.hpp"
#include "wasm/frame_stats.hpp"
#include "wasm/page_api.hpp"
#include "wasm/spinner_view.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"
#include "wasm/ui_widgets.hpp"

namespace {

using novatalk::client::app;
using novatalk::client::fonts;
using novatalk::client::page_api;
namespace theme = novatalk::client::theme;

struct state {
  GLFWwindow* window = nullptr;
  std::unique_ptr<page_api> page;
  std::unique_ptr<app> client;
  fonts type;
  novatalk::client::spinner_view spinners;
  bool fonts_requested = false;
  novatalk::render::redraw_policy redraw;
  bool state_changed = true;  // set by what happens outside the session (the app's creation)
  bool animating = false;     // the last drawn frame had typing dots (spinners turn by CSS)
  bool text_editing = false;  // ... a text field being edited (its caret blinks)
  int drawn_width = 0;        // the canvas size of the last drawn frame
  int drawn_height = 0;
  bool paused = false;  // the main loop asks for no animation frames until woken
  // The fingerprint of the frame the canvas shows (wasm/draw_fingerprint.hpp); 0: none yet, or
  // the font texture was rebuilt (same draw data, new pixels).
  std::uint64_t on_screen = 0;
};
state g;

// This Emscripten's GLFW passes the DOM wheel delta as is (pixels, down positive); ImGui wants
// notches, up positive. 100 px is one notch (what a mouse wheel sends; js/ui_glue.js turns a
// finger's drag into wheel pixels the same way).
void on_scroll(GLFWwindow* window, double dx, double dy) {
  ImGui_ImplGlfw_ScrollCallback(window, -dx / 100.0, -dy / 100.0);
}

// The canvas fills the window (CSS); its backing store follows the CSS size times the device
// pixel ratio. ImGui works in canvas pixels: GLFW reports the mouse in canvas pixels too.
void follow_canvas_size(int& width, int& height, float& scale) {
  double css_w = 0;
  double css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  scale = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (scale <= 0) scale = 1;
  width = std::max(1, static_cast<int>(std::lround(css_w * scale)));
  height = std::max(1, static_cast<int>(std::lround(css_h * scale)));
  int cur_w = 0;
  int cur_h = 0;
  emscripten_get_canvas_element_size("#canvas", &cur_w, &cur_h);
  // Set directly, not through glfwSetWindowSize: that one asks for fullscreen when the size
  // equals the screen's.
  if (cur_w != width || cur_h != height) {
    emscripten_set_canvas_element_size("#canvas", width, height);
  }
}

// Input since the last animation frame (js/ui_glue.js sets Module.ntUi.changed on every DOM
// event the person causes, and on resize): read and cleared.
EM_JS(int, nt_take_input, (), {
  var ui = Module['ntUi'];
  if (!ui || !ui['changed']) return 0;
  ui['changed'] = false;
  return 1;
});

void draw_frame(int width, int height, float scale);

// Something may need drawing (input, a session event, a video's first picture, the timer): a
// paused main loop asks for animation frames again. Cheap when it runs anyway.
void wake() {
  if (!g.paused) return;
  g.paused = false;
  emscripten_resume_main_loop();
}

// Every animation frame: find out what changed, and draw only if the redraw policy says so
// (docs/performance.md: an idle landing screen should cost next to nothing).
void main_loop() {
  auto& stats = novatalk::client::frame_counters();
  ++stats.loops;
  const double start = emscripten_get_now();
  int width = 0;
  int height = 0;
  float scale = 1;
  follow_canvas_size(width, height, scale);
  novatalk::render::frame_inputs in;
  in.state = g.state_changed || width != g.drawn_width || height != g.drawn_height;
  g.state_changed = false;
  if (g.type.update(scale)) {
    theme::apply_style(scale);
    in.state = true;
    g.on_screen = 0;
  }
  in.input = nt_take_input() != 0;
  if (g.client) {
    const app::changes c = g.client->prepare(start);
    in.state = in.state || c.state;
  }
  in.animating = g.animating;
  in.text_editing = g.text_editing;
  if (!g.redraw.should_draw(start, in)) {
    // Nothing owed and nothing moving: stop the animation frames (each costs the page a
    // rendering update even when we draw nothing) until wake().
    if (g.redraw.idle() && !g.animating && !g.text_editing) {
      g.paused = true;
      emscripten_pause_main_loop();
    }
    return;
  }

  draw_frame(width, height, scale);
  g.drawn_width = width;
  g.drawn_height = height;
  const double took = emscripten_get_now() - start;
  ++stats.drawn;
  stats.draw_ms += took;
  if (took > stats.max_ms) stats.max_ms = took;
}

void draw_frame(int width, int height, float scale) {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();
  if (g.client) {
    g.client->frame(emscripten_get_now(), scale);
  } else {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("loading", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::SetCursorPos(ImVec2(20 * scale, 20 * scale));
    ImGui::TextUnformatted(novatalk::client::tr(novatalk::client::text_id::loading));
    ImGui::End();
  }
  ImGui::Render();
  // A frame identical to the one on screen is not handed to the GPU: the canvas keeps showing
  // it (WebGL presents only a drawing buffer that was drawn into). Settle frames and events that
  // change nothing visible (ICE candidates, stats) then cost no GL work, which with a software
  // renderer is most of a frame and delayed a call's setup (docs/performance.md, "Client").
  const ImVec4 bg = theme::background();
  const std::uint64_t print =
      novatalk::client::fingerprint_of(*ImGui::GetDrawData(), width, height, bg);
  if (print != g.on_screen) {
    glViewport(0, 0, width, height);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    g.on_screen = print;
    ++novatalk::client::frame_counters().submitted;
  }
  g.animating = novatalk::client::widgets::take_animation();
  g.spinners.show(novatalk::client::widgets::take_spinners(), scale);
  g.text_editing = io.WantTextInput;
  // The page is on screen and `ready` has gone out: now the fonts (their atlas takes the main
  // thread for a moment, which should delay neither the first frame nor `ready`).
  if (!g.fonts_requested && g.client) {
    g.fonts_requested = true;
    g.type.start_loading();
  }
}

// Timers keep signaling and reconnects going when a hidden tab gets no animation frames, and
// wake a paused loop for the redraw policy's heartbeat (and fonts that arrived meanwhile).
void on_timer(void*) {
  if (g.client) g.client->tick(emscripten_get_now());
  wake();
}

// Commands are held by the page API until config.json is in (and so the app exists).
void on_command(const std::string& cmd) {
  if (g.client) g.client->command(cmd);
}

void on_config(const std::string& signal_url) {
  g.client = std::make_unique<app>(signal_url, *g.page);
  g.client->on_change(wake);
  g.state_changed = true;
  wake();
  // The app is ready: the page's loading screen (shell/loader.js) gives way to the canvas.
  emscripten::val loaded = emscripten::val::module_property("ntLoaded");
  if (loaded.typeOf().as<std::string>() == "function") loaded();
}

}  // namespace

// Module.ntWake(): js/ui_glue.js on input, js/glue.js when a video gets a picture or a new size.
EMSCRIPTEN_BINDINGS(novatalk_main) { emscripten::function("ntWake", &wake); }

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  g.window = glfwCreateWindow(640, 480, "NovaTalk", nullptr, nullptr);
  if (!g.window) return 1;
  glfwMakeContextCurrent(g.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing is stored, not even window positions
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // arrows move between controls
  ImGui_ImplGlfw_InitForOpenGL(g.window, true);
  glfwSetScrollCallback(g.window, on_scroll);  // replaces the backend's, which it calls
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g.page = std::make_unique<page_api>(page_api::callbacks{on_command, on_config});
  const auto& look = g.page->params().look;
  theme::set_palette(novatalk::look::make_palette(look.scheme, look.accent));
  novatalk::client::set_language(look.language);
  g.page->load_config();
  emscripten_set_interval(on_timer, 250, nullptr);
  emscripten_set_main_loop(main_loop, 0, false);
  return 0;
}
