#include "familycolor.h"

namespace pollscope::ui {

QColor eventFamilyColor(EventFamily family)
{
    switch (family) {
    case EventFamily::LoopPhase:
        return QColor(0x3b, 0x78, 0xd8);
    case EventFamily::Handle:
        return QColor(0x2a, 0x9d, 0x5c);
    case EventFamily::Timer:
        return QColor(0xd9, 0x82, 0x1a);
    case EventFamily::Wakeup:
        return QColor(0xc0, 0x3c, 0x8c);
    case EventFamily::Server:
        return QColor(0x80, 0x55, 0xc8);
    case EventFamily::Client:
        return QColor(0x18, 0x9a, 0xb0);
    case EventFamily::Worker:
        return QColor(0xc4, 0x4d, 0x3f);
    case EventFamily::Control:
        return QColor(0x80, 0x80, 0x80);
    }
    return QColor(Qt::gray);
}

} // namespace pollscope::ui
