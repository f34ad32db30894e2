// The number of open file descriptors of this process, for leak checks.
#pragma once

namespace pollscope::test {

int openFdCount();

} // namespace pollscope::test
