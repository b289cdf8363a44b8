// A throwaway static site for the tests: <tmp>/www with a few files, and <tmp>/secret.txt next
// to it that no request may reach.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace novatalk::server::test {

class temp_site {
 public:
  temp_site() {
    char pattern[] = "/tmp/novatalk-server-test-XXXXXX";
    root_ = mkdtemp(pattern);
    std::filesystem::create_directories(www() + "/assets");
    write(www() + "/index.html", "<!doctype html><title>NovaTalk</title>");
    write(www() + "/app.wasm", std::string("\0asm\x01\0\0\0", 8));
    write(www() + "/app.js", "console.log(1)");
    write(www() + "/config.json", "{}");
    write(www() + "/assets/style.css", "body{}");
    write(www() + "/assets/index.html", "assets index");
    write(root_ + "/secret.txt", "TOP-SECRET-FILE");
  }
  ~temp_site() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  temp_site(const temp_site&) = delete;
  temp_site& operator=(const temp_site&) = delete;

  std::string www() const { return root_ + "/www"; }
  std::string root() const { return root_; }

 private:
  static void write(const std::string& path, const std::string& data) {
    std::ofstream(path, std::ios::binary) << data;
  }
  std::string root_;
};

}  // namespace novatalk::server::test
