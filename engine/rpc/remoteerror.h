// The error payload of a REPLY with status ERROR: remote_error in 0.9.0,
// virNetMessageError in modern libvirt, field for field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pollscope {

class XdrReader;
class XdrWriter;

// virErrorNumber values used by the replica.
inline constexpr int32_t VIR_ERR_OK = 0;
inline constexpr int32_t VIR_ERR_INTERNAL_ERROR = 1;
inline constexpr int32_t VIR_ERR_NO_SUPPORT = 3;
inline constexpr int32_t VIR_ERR_INVALID_ARG = 8;
inline constexpr int32_t VIR_ERR_OPERATION_FAILED = 9;
inline constexpr int32_t VIR_ERR_NO_NAME = 21;
inline constexpr int32_t VIR_ERR_XML_ERROR = 27;
inline constexpr int32_t VIR_ERR_OPERATION_DENIED = 29;
inline constexpr int32_t VIR_ERR_XML_DETAIL = 35;
inline constexpr int32_t VIR_ERR_RPC = 39;
inline constexpr int32_t VIR_ERR_NO_DOMAIN = 42;
inline constexpr int32_t VIR_ERR_OPERATION_INVALID = 55;
inline constexpr int32_t VIR_ERR_CONFIG_UNSUPPORTED = 67;

// virErrorDomain values: which part of libvirt raised the error.
inline constexpr int32_t VIR_FROM_NONE = 0;
inline constexpr int32_t VIR_FROM_RPC = 7;
inline constexpr int32_t VIR_FROM_TEST = 12;
inline constexpr int32_t VIR_FROM_REMOTE = 13;
inline constexpr int32_t VIR_FROM_DOMAIN = 20;

// virErrorLevel.
inline constexpr int32_t VIR_ERR_WARNING = 1;
inline constexpr int32_t VIR_ERR_ERROR = 2;

struct RemoteError
{
    int32_t code = VIR_ERR_OK;
    int32_t domain = VIR_FROM_NONE;
    std::optional<std::string> message;
    int32_t level = VIR_ERR_ERROR;
    // The optional dom (remote_nonnull_domain *) comes here on the wire; the
    // replica always sends it absent and skips it when decoding.
    std::optional<std::string> str1;
    std::optional<std::string> str2;
    std::optional<std::string> str3;
    int32_t int1 = 0;
    int32_t int2 = 0;
    // The optional net (remote_nonnull_network *) ends the struct; always absent
    // when sent, skipped when decoded.

    bool operator==(const RemoteError &) const = default;
};

// An error as the daemon sends it: level ERROR, the message prefixed the way
// virErrorMsg prefixes each code ("internal error: ...", "Domain not found: ...";
// none for VIR_ERR_RPC), and the message repeated in str1 as 0.9.0's
// remoteDispatchFormatError does.
RemoteError makeRemoteError(int32_t code, int32_t domain, std::string_view detail);

// An error as libvirt 9 raises it (virRaiseErrorFull): the message is `format` with
// its %s replaced by `detail`; str1 carries the format and str2 the detail, or str1
// the whole message when there is no detail; int1 and int2 are -1.
RemoteError makeModernError(int32_t code, int32_t domain, std::string_view format,
                            const std::optional<std::string> &detail);

void xdrEncode(XdrWriter &writer, const RemoteError &error);
void xdrDecode(XdrReader &reader, RemoteError &error);

} // namespace pollscope
