// AtomicFile: a file appears whole or not at all, and a long one (a daemon's trace)
// does not pile up in the page cache as it grows.
#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <linux/magic.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <vector>

using namespace pollscope;

namespace {

constexpr size_t kMiB = size_t(1) << 20;

// A MiB of bytes that tell their place in the file apart.
std::string block(size_t index)
{
    std::string bytes(kMiB, char('a' + index % 26));
    const std::string number = std::to_string(index);
    bytes.replace(0, number.size(), number);
    return bytes;
}

// The one temporary file an AtomicFile writes in `dir` before it commits.
QString temporaryFileIn(const QString &dir)
{
    const QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    return files.size() == 1 ? dir + "/" + files.front() : QString();
}

// How many bytes of a file are in the page cache now.
qint64 residentBytes(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    struct stat status {};
    if (fd < 0 || ::fstat(fd, &status) < 0 || status.st_size == 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    void *mapped = ::mmap(nullptr, size_t(status.st_size), PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (mapped == MAP_FAILED)
        return -1;
    const long page = ::sysconf(_SC_PAGESIZE);
    std::vector<unsigned char> resident((size_t(status.st_size) + size_t(page) - 1) / size_t(page));
    qint64 bytes = -1;
    if (::mincore(mapped, size_t(status.st_size), resident.data()) == 0) {
        bytes = 0;
        for (unsigned char pageResident : resident)
            bytes += (pageResident & 1) ? page : 0;
    }
    ::munmap(mapped, size_t(status.st_size));
    return bytes;
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private slots:
    void appearsOnlyWhenCommitted();
    void longFileIsLetGoOfAsItGrows();
};

void TestAtomicFile::appearsOnlyWhenCommitted()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("out.txt");
    {
        AtomicFile file;
        QVERIFY(file.open(path.toStdString()));
        QVERIFY(file.write("never committed"));
    }
    QVERIFY(!QFile::exists(path));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

    AtomicFile file;
    QVERIFY(file.open(path.toStdString()));
    QVERIFY(file.write("whole"));
    QVERIFY(!QFile::exists(path));
    QVERIFY2(file.commit(), file.error().c_str());
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), QByteArray("whole"));
}

void TestAtomicFile::longFileIsLetGoOfAsItGrows()
{
    // In the build folder: a tmpfs (where /tmp often is) keeps every page in memory.
    QTemporaryDir dir(QDir::currentPath() + "/atomicfile-XXXXXX");
    QVERIFY(dir.isValid());
    struct statfs fileSystem {};
    QVERIFY(::statfs(QFile::encodeName(dir.path()).constData(), &fileSystem) == 0);
    if (fileSystem.f_type == TMPFS_MAGIC || fileSystem.f_type == RAMFS_MAGIC)
        QSKIP("the build folder is in memory: its files have no page cache to let go of");

    constexpr size_t kBlocks = 64;
    const QString path = dir.filePath("long.bin");
    AtomicFile file;
    QVERIFY(file.open(path.toStdString()));
    for (size_t i = 0; i < kBlocks; ++i)
        QVERIFY2(file.write(block(i)), file.error().c_str());

    // Only the windows not yet written out stay: the last two at most.
    const QString temporary = temporaryFileIn(dir.path());
    QVERIFY(!temporary.isEmpty());
    const qint64 resident = residentBytes(temporary);
    QVERIFY(resident >= 0);
    QVERIFY2(resident <= qint64(24 * kMiB),
             qPrintable(QStringLiteral("%1 MiB of a %2 MiB file are in the page cache")
                            .arg(double(resident) / kMiB).arg(kBlocks)));

    // Let go of, not lost.
    QVERIFY2(file.commit(), file.error().c_str());
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.size(), qint64(kBlocks * kMiB));
    for (size_t i = 0; i < kBlocks; ++i)
        QVERIFY2(written.read(qint64(kMiB)) == QByteArray::fromStdString(block(i)), qPrintable(QString::number(i)));
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
