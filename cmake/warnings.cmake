# One warning policy for every target of ours (not for third-party code).
add_library(novatalk_warnings INTERFACE)
target_compile_options(novatalk_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wno-unused-parameter)
