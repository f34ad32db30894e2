// Procedure numbers of the remote program (remote_protocol.x) that a modern virsh
// sends to the daemon (and the one event message it sends back), and the constants
// their arguments carry.
#pragma once

#include <cstdint>

namespace pollscope {

inline constexpr int32_t REMOTE_PROC_CONNECT_OPEN = 1;
inline constexpr int32_t REMOTE_PROC_CONNECT_CLOSE = 2;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_TYPE = 3;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_VERSION = 4;
inline constexpr int32_t REMOTE_PROC_NODE_GET_INFO = 6;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_CAPABILITIES = 7;
inline constexpr int32_t REMOTE_PROC_DOMAIN_CREATE = 9;
inline constexpr int32_t REMOTE_PROC_DOMAIN_DEFINE_XML = 11;
inline constexpr int32_t REMOTE_PROC_DOMAIN_DESTROY = 12;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_XML_DESC = 14;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_AUTOSTART = 15;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_INFO = 16;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_OS_TYPE = 19;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_VCPUS = 20;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS = 21;
inline constexpr int32_t REMOTE_PROC_DOMAIN_LOOKUP_BY_ID = 22;
inline constexpr int32_t REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME = 23;
inline constexpr int32_t REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID = 24;
inline constexpr int32_t REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS = 25;
inline constexpr int32_t REMOTE_PROC_DOMAIN_REBOOT = 27;
inline constexpr int32_t REMOTE_PROC_DOMAIN_RESUME = 28;
inline constexpr int32_t REMOTE_PROC_DOMAIN_SHUTDOWN = 33;
inline constexpr int32_t REMOTE_PROC_DOMAIN_SUSPEND = 34;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_DOMAINS = 37;
inline constexpr int32_t REMOTE_PROC_NETWORK_GET_AUTOSTART = 44;
inline constexpr int32_t REMOTE_PROC_CONNECT_NUM_OF_DOMAINS = 51;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE = 56;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS = 57;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_HOSTNAME = 59;
inline constexpr int32_t REMOTE_PROC_CONNECT_SUPPORTS_FEATURE = 60;
inline constexpr int32_t REMOTE_PROC_AUTH_LIST = 66;
inline constexpr int32_t REMOTE_PROC_AUTH_SASL_INIT = 67;
inline constexpr int32_t REMOTE_PROC_AUTH_SASL_START = 68;
inline constexpr int32_t REMOTE_PROC_AUTH_SASL_STEP = 69;
inline constexpr int32_t REMOTE_PROC_AUTH_POLKIT = 70;
inline constexpr int32_t REMOTE_PROC_STORAGE_POOL_GET_INFO = 87;
inline constexpr int32_t REMOTE_PROC_STORAGE_POOL_GET_AUTOSTART = 89;
inline constexpr int32_t REMOTE_PROC_NODE_GET_FREE_MEMORY = 102;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_URI = 110;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL = 121;
inline constexpr int32_t REMOTE_PROC_NODE_GET_SECURITY_MODEL = 122;
inline constexpr int32_t REMOTE_PROC_DOMAIN_IS_ACTIVE = 150;
inline constexpr int32_t REMOTE_PROC_DOMAIN_IS_PERSISTENT = 151;
inline constexpr int32_t REMOTE_PROC_NETWORK_IS_PERSISTENT = 152;
inline constexpr int32_t REMOTE_PROC_NETWORK_IS_ACTIVE = 153;
inline constexpr int32_t REMOTE_PROC_STORAGE_POOL_IS_PERSISTENT = 154;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_LIB_VERSION = 157;
inline constexpr int32_t REMOTE_PROC_DOMAIN_MEMORY_STATS = 159;
inline constexpr int32_t REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE = 183;
inline constexpr int32_t REMOTE_PROC_DOMAIN_SNAPSHOT_NUM = 187;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_SYSINFO = 203;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_STATE = 212;
inline constexpr int32_t REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS = 231;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS = 273;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS = 281;
inline constexpr int32_t REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS = 283;
inline constexpr int32_t REMOTE_PROC_CONNECT_GET_CPU_MAP = 293;
inline constexpr int32_t REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY = 316;
inline constexpr int32_t REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY = 317;
inline constexpr int32_t REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE = 318;
inline constexpr int32_t REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK = 360;
inline constexpr int32_t REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK = 361;
inline constexpr int32_t REMOTE_PROC_DOMAIN_GET_MESSAGES = 426;

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

// CONNECT_LIST_ALL_DOMAINS filter flags, in groups: within a group a domain must
// match one of the given flags; a group without flags does not filter.
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_INACTIVE = 2;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_PERSISTENT = 4;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 8;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_RUNNING = 16;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_PAUSED = 32;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_SHUTOFF = 64;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_OTHER = 128;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 256;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 512;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_AUTOSTART = 1024;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 2048;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 4096;
inline constexpr uint32_t VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 8192;

// "CONNECT_OPEN" for REMOTE_PROC_CONNECT_OPEN, and so on for every procedure above;
// nullptr for any other number.
const char *remoteProcedureName(int32_t proc);

} // namespace pollscope
