// Small embind helpers shared by the browser adapters: exported C++ callbacks bound to their
// arguments, and calls that catch a synchronous JS exception (errors as values, never thrown).
#pragma once

#include <emscripten/val.h>

#include <string>

namespace novatalk::client {

using emscripten::val;

// Module.<exported>.bind(null, args...): a JS function that calls the exported C++ function.
template <class... Args>
val bound(const char* exported, Args&&... args) {
  return val::module_property(exported).call<val>("bind", val::null(), std::forward<Args>(args)...);
}

struct js_result {
  bool ok = false;
  val value = val::undefined();
  std::string error;
};

// obj[name](...args) with a JS exception turned into an error value.
template <class... Args>
js_result try_call(const val& obj, const char* name, Args&&... args) {
  val array = val::array();
  (array.call<void>("push", std::forward<Args>(args)), ...);
  val r = val::module_property("ntTry")(obj, std::string(name), array);
  if (r["ok"].as<bool>()) return {true, r["value"], {}};
  return {false, val::undefined(), r["error"].as<std::string>()};
}

// new ctor(...args) with a JS exception turned into an error value.
template <class... Args>
js_result try_new(const val& ctor, Args&&... args) {
  val array = val::array();
  (array.call<void>("push", std::forward<Args>(args)), ...);
  val r = val::module_property("ntTryNew")(ctor, array);
  if (r["ok"].as<bool>()) return {true, r["value"], {}};
  return {false, val::undefined(), r["error"].as<std::string>()};
}

// A string property, or `fallback` when it is missing or not a string.
inline std::string string_or(const val& v, const char* name, std::string fallback = {}) {
  if (v.isUndefined() || v.isNull()) return fallback;
  val p = v[name];
  return p.isString() ? p.as<std::string>() : fallback;
}

// A number property, or `fallback` when it is missing or not a number.
inline double number_or(const val& v, const char* name, double fallback) {
  if (v.isUndefined() || v.isNull()) return fallback;
  val p = v[name];
  return p.isNumber() ? p.as<double>() : fallback;
}

}  // namespace novatalk::client
