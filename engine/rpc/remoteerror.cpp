#include "remoteerror.h"

#include "messageheader.h"
#include "xdrreader.h"
#include "xdrwriter.h"

#include <array>

namespace pollscope {

namespace {

// What virErrorMsg puts in front of the detail for each code the replica raises.
std::string_view messagePrefix(int32_t code)
{
    switch (code) {
    case VIR_ERR_INTERNAL_ERROR:
        return "internal error: ";
    case VIR_ERR_NO_SUPPORT:
        return "this function is not supported by the connection driver: ";
    case VIR_ERR_OPERATION_DENIED:
        return "operation forbidden: ";
    case VIR_ERR_NO_DOMAIN:
        return "Domain not found: ";
    case VIR_ERR_OPERATION_INVALID:
        return "Requested operation is not valid: ";
    default:
        return {};
    }
}

// Skips an optional remote_nonnull_domain or remote_nonnull_network a peer may send:
// both start with a name and a 16-byte UUID; a domain adds its id.
void skipOptionalObject(XdrReader &reader, bool hasId)
{
    if (!reader.readOptionalTag())
        return;
    reader.readString(REMOTE_STRING_MAX);
    std::array<uint8_t, 16> uuid;
    reader.readFixedOpaque(uuid);
    if (hasId)
        reader.readI32();
}

} // namespace

RemoteError makeRemoteError(int32_t code, int32_t domain, std::string_view detail)
{
    std::string message(messagePrefix(code));
    message += detail;
    RemoteError error;
    error.code = code;
    error.domain = domain;
    error.level = VIR_ERR_ERROR;
    error.message = message;
    error.str1 = message;
    return error;
}

RemoteError makeModernError(int32_t code, int32_t domain, std::string_view format,
                            const std::optional<std::string> &detail)
{
    RemoteError error;
    error.code = code;
    error.domain = domain;
    error.level = VIR_ERR_ERROR;
    std::string message(format);
    if (detail) {
        if (const size_t at = message.find("%s"); at != std::string::npos)
            message.replace(at, 2, *detail);
        error.str1 = std::string(format);
        error.str2 = detail;
    } else {
        error.str1 = message;
    }
    error.message = std::move(message);
    error.int1 = -1;
    error.int2 = -1;
    return error;
}

void xdrEncode(XdrWriter &writer, const RemoteError &error)
{
    writer.writeI32(error.code);
    writer.writeI32(error.domain);
    writer.writeOptionalString(error.message);
    writer.writeI32(error.level);
    writer.writeOptionalTag(false); // dom
    writer.writeOptionalString(error.str1);
    writer.writeOptionalString(error.str2);
    writer.writeOptionalString(error.str3);
    writer.writeI32(error.int1);
    writer.writeI32(error.int2);
    writer.writeOptionalTag(false); // net
}

void xdrDecode(XdrReader &reader, RemoteError &error)
{
    error.code = reader.readI32();
    error.domain = reader.readI32();
    error.message = reader.readOptionalString(REMOTE_STRING_MAX);
    error.level = reader.readI32();
    skipOptionalObject(reader, true);
    error.str1 = reader.readOptionalString(REMOTE_STRING_MAX);
    error.str2 = reader.readOptionalString(REMOTE_STRING_MAX);
    error.str3 = reader.readOptionalString(REMOTE_STRING_MAX);
    error.int1 = reader.readI32();
    error.int2 = reader.readI32();
    skipOptionalObject(reader, false);
}

} // namespace pollscope
