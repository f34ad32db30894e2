#include "fdcount.h"

#include <dirent.h>

namespace pollscope::test {

int openFdCount()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    ::closedir(dir);
    return count - 1; // the directory stream's own fd
}

} // namespace pollscope::test
