// One colour per event family, shared by the event log, the details and the call
// flow so that a family reads the same everywhere.
#pragma once

#include "trace/eventkind.h"

#include <QColor>

namespace pollscope::ui {

// A mid-tone colour that stays legible as text on light and dark backgrounds.
QColor eventFamilyColor(EventFamily family);

} // namespace pollscope::ui
