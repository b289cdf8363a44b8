# One warning policy for every target of ours (not for third-party code).
# -Wno-missing-field-initializers: our event and action structs have a default for every
# member, so `ui_start{interests}` leaving the rest at their defaults is intended.
add_library(novatalk_warnings INTERFACE)
target_compile_options(novatalk_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wno-unused-parameter -Wno-missing-field-initializers)
