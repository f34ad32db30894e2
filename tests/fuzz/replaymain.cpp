// The fuzz targets without libFuzzer, for builds that have none (GCC, the default):
// every file of the seed corpus goes to the target's entry point, then a fixed
// number of deterministic mutations of each, so that every CTest run exercises the
// same code the fuzzers do. A crash, a sanitizer report or a broken promise fails
// the run; the input that did it is left in ./crash-replay, which the same program
// replays when given as a PATH.
//
//   fuzz_TARGET [--mutations N] PATH...   (PATH: a seed file or a folder of them)
#include <algorithm>
#include <array>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

// Mutants never grow past this; the daemon's largest message is 256 KiB.
constexpr size_t kLargestInput = 1 << 20;

// The input being run, for the crash handler.
const Bytes *g_current = nullptr;

void onCrash(int signo)
{
    // Only async-signal-safe calls: open, write, close.
    const int fd = ::open("crash-replay", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0 && g_current) {
        (void)!::write(fd, g_current->data(), g_current->size());
        ::close(fd);
    }
    static const char message[] = "fuzz replay: the input that crashed is in ./crash-replay\n";
    (void)!::write(STDERR_FILENO, message, sizeof message - 1);
    std::signal(signo, SIG_DFL);
    std::raise(signo);
}

// splitmix64: a small generator whose sequence is the same everywhere.
class Random
{
public:
    explicit Random(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
    size_t below(size_t bound) { return bound == 0 ? 0 : size_t(next() % bound); }

private:
    uint64_t m_state;
};

// Values that sit on the edges of the wire format: lengths, limits, programs.
constexpr std::array<uint32_t, 24> kInterestingWords = {
    0,          1,          2,          3,          4,          16,         24,         28,
    0x7f,       0xff,       0x100,      0xffff,     0x10000,    0x10001,    0x40000,    0x40004,
    0x40005,    0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x20008086, 0x6b656570, 0x4000,
};

Bytes mutate(const Bytes &seed, const std::vector<Bytes> &seeds, Random &random)
{
    Bytes data = seed;
    const size_t steps = 1 + random.below(4);
    for (size_t step = 0; step < steps; ++step) {
        const size_t at = random.below(data.size() + 1);
        switch (random.below(8)) {
        case 0: // flip a bit
            if (!data.empty())
                data[random.below(data.size())] ^= uint8_t(1u << random.below(8));
            break;
        case 1: // any byte
            if (!data.empty())
                data[random.below(data.size())] = uint8_t(random.next());
            break;
        case 2: { // an interesting big-endian word on a word boundary, as XDR has them
            const uint32_t word = kInterestingWords[random.below(kInterestingWords.size())];
            const size_t offset = random.below(data.size() / 4 + 1) * 4;
            if (data.size() < offset + 4)
                data.resize(offset + 4);
            for (int i = 0; i < 4; ++i)
                data[offset + size_t(i)] = uint8_t(word >> (24 - 8 * i));
            break;
        }
        case 3: // cut a range out
            data.erase(data.begin() + ptrdiff_t(at), data.begin() + ptrdiff_t(at + random.below(data.size() - at + 1)));
            break;
        case 4: { // insert random bytes
            Bytes inserted(1 + random.below(16));
            for (uint8_t &byte : inserted)
                byte = uint8_t(random.next());
            data.insert(data.begin() + ptrdiff_t(at), inserted.begin(), inserted.end());
            break;
        }
        case 5: { // repeat a range
            const size_t length = random.below(data.size() - at + 1);
            const Bytes range(data.begin() + ptrdiff_t(at), data.begin() + ptrdiff_t(at + length));
            data.insert(data.begin() + ptrdiff_t(random.below(data.size() + 1)), range.begin(), range.end());
            break;
        }
        case 6: // truncate
            data.resize(at);
            break;
        default: { // splice in part of another seed
            const Bytes &other = seeds[random.below(seeds.size())];
            const size_t from = random.below(other.size() + 1);
            const size_t length = random.below(other.size() - from + 1);
            data.insert(data.begin() + ptrdiff_t(at), other.begin() + ptrdiff_t(from),
                        other.begin() + ptrdiff_t(from + length));
            break;
        }
        }
        if (data.size() > kLargestInput)
            data.resize(kLargestInput);
    }
    return data;
}

void run(const Bytes &input)
{
    // An exact-size copy, so that a sanitizer sees any read past the end.
    const auto copy = std::make_unique<uint8_t[]>(input.size());
    std::copy(input.begin(), input.end(), copy.get());
    g_current = &input;
    LLVMFuzzerTestOneInput(copy.get(), input.size());
    g_current = nullptr;
}

bool readFile(const std::filesystem::path &path, Bytes &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    long mutations = 0;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--mutations" && i + 1 < argc) {
            mutations = std::strtol(argv[++i], nullptr, 10);
            continue;
        }
        std::error_code error;
        if (std::filesystem::is_directory(argument, error)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(argument)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else {
            files.emplace_back(argument);
        }
    }
    if (files.empty() || mutations < 0) {
        std::fprintf(stderr, "usage: %s [--mutations N] PATH...\n", argv[0]);
        return 2;
    }
    // Directory order differs between file systems; the run must not.
    std::sort(files.begin(), files.end());

    std::vector<Bytes> seeds(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        if (!readFile(files[i], seeds[i])) {
            std::fprintf(stderr, "%s: cannot read %s\n", argv[0], files[i].c_str());
            return 2;
        }
    }
    for (int signo : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        std::signal(signo, onCrash);

    for (const Bytes &seed : seeds)
        run(seed);
    Random random(1);
    for (long round = 0; round < mutations; ++round) {
        for (const Bytes &seed : seeds)
            run(mutate(seed, seeds, random));
    }
    std::printf("%s: %zu seeds and %ld mutations of each, no crash\n", argv[0], seeds.size(), mutations);
    return 0;
}
