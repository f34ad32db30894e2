// Where the app finds its data (the shipped scenarios, translations): installed under
// PREFIX/share/pollscope next to PREFIX/bin, or in the source tree of a build.
#pragma once

#include <QString>

namespace pollscope::ui {

// The folder holding the shipped scenarios (with tour/ inside), or "" if none.
QString scenariosDirectory();
// The guided tour's scenarios, in order.
QStringList tourScenarios();

} // namespace pollscope::ui
