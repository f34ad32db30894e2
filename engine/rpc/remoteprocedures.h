// Procedure numbers of the remote program (remote_protocol.x) that a modern virsh
// sends to the daemon, and the constants their arguments carry.
#pragma once

#include <cstdint>

namespace pollscope {

inline constexpr int32_t REMOTE_PROC_CONNECT_OPEN = 1;
inline constexpr int32_t REMOTE_PROC_CONNECT_CLOSE = 2;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_TYPE = 3;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_VERSION = 4;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_INFO = 16;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS = 21;
inline constexpr int32_t REMOTE_PROC_DOMAIN_LOOKUP_BY_ID = 22;
inline constexpr int32_t REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME = 23;
inline constexpr int32_t REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS = 25;
inline constexpr int32_t REMOTE_PROC_DOMAIN_RESUME = 28;
inline constexpr int32_t REMOTE_PROC_DOMAIN_SUSPEND = 34;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_DOMAINS = 37;
inline constexpr int32_t REMOTE_PROC_CONNECT_NUM_OF_DOMAINS = 51;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_HOSTNAME = 59;
inline constexpr int32_t REMOTE_PROC_CONNECT_SUPPORTS_FEATURE = 60;
inline constexpr int32_t REMOTE_PROC_AUTH_LIST = 66;
inline constexpr int32_t REMOTE_PROC_AUTH_SASL_INIT = 67;
inline constexpr int32_t REMOTE_PROC_AUTH_SASL_START = 68;
inline constexpr int32_t REMOTE_PROC_AUTH_SASL_STEP = 69;
inline constexpr int32_t REMOTE_PROC_AUTH_POLKIT = 70;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_URI = 110;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_LIB_VERSION = 157;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_STATE = 212;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS = 273;
inline constexpr int32_t REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK = 360;
inline constexpr int32_t REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK = 361;

// remote_auth_type.
inline constexpr int32_t REMOTE_AUTH_NONE = 0;
inline constexpr int32_t REMOTE_AUTH_SASL = 1;
inline constexpr int32_t REMOTE_AUTH_POLKIT = 2;

// virDrvFeature values a client asks about with CONNECT_SUPPORTS_FEATURE.
inline constexpr int32_t VIR_DRV_FEATURE_PROGRAM_KEEPALIVE = 10;
inline constexpr int32_t VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK = 14;
inline constexpr int32_t VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK = 15;

// CONNECT_OPEN flags: VIR_CONNECT_RO, and the two the remote driver adds for a
// non-root client (REMOTE_DRIVER_OPEN_USER, REMOTE_DRIVER_OPEN_AUTOSTART).
inline constexpr uint32_t VIR_CONNECT_RO = 1;
inline constexpr uint32_t REMOTE_DRIVER_OPEN_USER = 2;
inline constexpr uint32_t REMOTE_DRIVER_OPEN_AUTOSTART = 4;

// CONNECT_LIST_ALL_DOMAINS filter flags; the replica models the active group only.
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_INACTIVE = 2;

// "CONNECT_OPEN" for REMOTE_PROC_CONNECT_OPEN, and so on for every procedure above;
// nullptr for any other number.
const char *remoteProcedureName(int32_t proc);

} // namespace pollscope
