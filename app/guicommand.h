#pragma once

namespace pollscope::app {

// `pollscope [FILE] [--play]`: the desktop app, or, where no display is available, a
// headless run of FILE (or of the guided tour) with a short summary.
int runGui(int argc, char **argv);

} // namespace pollscope::app
