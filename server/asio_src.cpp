// The one translation unit that compiles Asio and Beast (separate compilation): every other
// file only includes their headers, which keeps a rebuild of one session file fast.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
