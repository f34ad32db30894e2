#include "runstep.h"

namespace pollscope {

std::vector<std::string> substitutePlaceholders(const steps::Run &run, const Placeholders &placeholders)
{
    std::vector<std::string> arguments;
    for (std::string argument : run.arguments) {
        for (const auto &[placeholder, value] : placeholders) {
            for (size_t at = argument.find(placeholder); at != std::string::npos;
                 at = argument.find(placeholder, at + value.size()))
                argument.replace(at, placeholder.size(), value);
        }
        arguments.push_back(std::move(argument));
    }
    return arguments;
}

std::string commandLineOf(const steps::Run &run, const std::vector<std::string> &arguments)
{
    std::string commandLine = run.program;
    for (const std::string &argument : arguments)
        commandLine += " " + argument;
    return commandLine;
}

std::string commandFailure(const steps::Run &run, const std::string &commandLine, const CommandResult &result)
{
    if (!result.error.empty())
        return result.error;
    if (result.timedOut)
        return commandLine + " did not finish within " + std::to_string(run.timeout.count()) + " ms";
    if (result.exitCode != run.expectExit)
        return commandLine + " exited with " + std::to_string(result.exitCode) + ", expected "
            + std::to_string(run.expectExit) + "; it printed:\n" + result.output;
    for (const std::string &line : run.expectOutput) {
        if (result.output.find(line) == std::string::npos)
            return commandLine + " did not print \"" + line + "\"; it printed:\n" + result.output;
    }
    return {};
}

std::vector<std::pair<std::string, std::string>> commandEnvironment(const std::string &home)
{
    return {{"HOME", home}, {"XDG_CACHE_HOME", home + "/cache"}, {"XDG_CONFIG_HOME", home + "/config"}, {"LC_ALL", "C"}};
}

} // namespace pollscope
