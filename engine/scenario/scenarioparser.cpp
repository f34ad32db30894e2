#include "scenarioparser.h"

#include "scenarioreader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace pollscope {

Result<Scenario> parseScenarioText(const std::string &text, const std::string &fileName)
{
    return yamlreader::readYamlText<Scenario>(text, fileName,
                                              [&] { return scenarioreader::ScenarioReader(text, fileName).parse(); });
}

Result<Scenario> parseScenarioFile(const std::string &path)
{
    std::FILE *file = std::fopen(path.c_str(), "rb");
    std::string text;
    int error = file ? 0 : errno;
    if (file) {
        char buffer[65536];
        size_t got;
        while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0)
            text.append(buffer, got);
        if (std::ferror(file))
            error = errno;
        std::fclose(file);
    }
    if (error != 0)
        return Error{std::string("cannot read the file: ") + std::strerror(error), {path, 0, 0}};
    return parseScenarioText(text, path);
}

} // namespace pollscope
