// Fuzz target: the XDR arguments of every implemented procedure. The input is a
// payload. It is decoded as every argument and return struct (and remote_error);
// whatever decodes must encode and decode again to the same bytes. Then it is the
// payload of a CALL of every implemented procedure, dispatched with the connection
// in each state a client can put it in, and every reply must decode on the client
// side with the request's serial.
#include "fuzzcheck.h"

#include "rpc/remotecall.h"
#include "rpc/remotedispatch.h"
#include "rpc/remoteerror.h"
#include "rpc/remoteprocedures.h"
#include "rpc/remotetypes.h"
#include "rpc/testhypervisor.h"
#include "rpc/xdrreader.h"
#include "rpc/xdrwriter.h"

#include <cstddef>
#include <cstdint>
#include <span>

using namespace pollscope;
using pollscope::fuzz::expect;

namespace {

template<typename T>
void decodeAndRoundTrip(std::span<const uint8_t> payload)
{
    XdrReader reader(payload);
    T value;
    xdrDecode(reader, value);
    expect(reader.offset() <= payload.size(), "a reader never moves past its data");
    if (!reader.ok())
        return;
    XdrWriter writer;
    xdrEncode(writer, value);
    XdrReader again(writer.bytes());
    T copy;
    xdrDecode(again, copy);
    expect(again.ok() && again.remaining() == 0, "what decoded encodes to something that decodes whole");
    XdrWriter rewritten;
    xdrEncode(rewritten, copy);
    expect(rewritten.bytes() == writer.bytes(), "decode and encode are stable");
}

// The implemented procedures (docs/fidelity.md) and one that is not.
constexpr int32_t kProcedures[] = {
    REMOTE_PROC_AUTH_LIST,
    REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
    REMOTE_PROC_CONNECT_OPEN,
    REMOTE_PROC_CONNECT_CLOSE,
    REMOTE_PROC_CONNECT_GET_TYPE,
    REMOTE_PROC_CONNECT_GET_VERSION,
    REMOTE_PROC_CONNECT_GET_LIB_VERSION,
    REMOTE_PROC_CONNECT_GET_HOSTNAME,
    REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
    REMOTE_PROC_DOMAIN_GET_STATE,
    REMOTE_PROC_DOMAIN_SUSPEND,
    REMOTE_PROC_DOMAIN_RESUME,
    REMOTE_PROC_CONNECT_LIST_DOMAINS,
};

// Every state of a client's connection: which socket, and what CONNECT_OPEN did.
constexpr RemoteConnection kConnections[] = {
    {false, false, false},
    {false, true, false},
    {false, true, true},
    {true, false, false},
    {true, true, true},
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const TestHypervisor hypervisor("fuzz");
    const std::span<const uint8_t> payload(data, size);

    decodeAndRoundTrip<RemoteNonnullDomain>(payload);
    decodeAndRoundTrip<ConnectOpenArgs>(payload);
    decodeAndRoundTrip<ConnectSupportsFeatureArgs>(payload);
    decodeAndRoundTrip<ConnectSupportsFeatureRet>(payload);
    decodeAndRoundTrip<AuthListRet>(payload);
    decodeAndRoundTrip<ConnectGetTypeRet>(payload);
    decodeAndRoundTrip<ConnectGetVersionRet>(payload);
    decodeAndRoundTrip<ConnectGetLibVersionRet>(payload);
    decodeAndRoundTrip<ConnectGetHostnameRet>(payload);
    decodeAndRoundTrip<ConnectListAllDomainsArgs>(payload);
    decodeAndRoundTrip<ConnectListAllDomainsRet>(payload);
    decodeAndRoundTrip<DomainGetStateArgs>(payload);
    decodeAndRoundTrip<DomainGetStateRet>(payload);
    decodeAndRoundTrip<DomainSuspendArgs>(payload);
    decodeAndRoundTrip<RemoteError>(payload);

    uint32_t serial = 0;
    for (const RemoteConnection &state : kConnections) {
        for (int32_t proc : kProcedures) {
            RemoteConnection connection = state;
            const std::vector<uint8_t> call = encodeRemoteCall(proc, ++serial, payload);
            const auto header = decodeMessageHeader(call);
            expect(header.ok(), "an encoded call decodes");
            const DispatchOutcome outcome = dispatchRemoteCall(connection, hypervisor, *header, messagePayload(call));
            expect(!outcome.reply.empty(), "every CALL is answered");
            const RemoteReply reply = decodeRemoteReply(outcome.reply);
            expect(reply.ok() && reply.header.serial == serial, "the client decodes every reply, with its serial");
            expect(reply.error.has_value() == outcome.isError, "an error reply carries a remote_error");
            expect(!state.openedReadonly || connection.openedReadonly,
                   "nothing turns a read-only connection read-write");
            expect(!connection.readonlySocket || !connection.opened || connection.openedReadonly,
                   "a connection opened on the read-only socket is read-only");
        }
    }
    return 0;
}
