// The outcome of an engine call that can fail: its value, or an Error saying why.
//
// Every fallible call of the engine answers this way, so callers test, read and
// report failures alike. Objects with a lasting state (a socket being read, a file
// being written) keep their first error instead and say it from error().
#pragma once

#include "sourcelocation.h"

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pollscope {

// Why a call failed, worded for the user; where in an input file when the input is
// to blame (an empty file name when no file is).
struct Error
{
    std::string message;
    SourceLocation where;

    // "file:line:column: message", "file: message" (line 0), or the message alone.
    std::string describe() const;
};

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_state); }
    // The error, or null on success: `if (const Error *error = result.failure())`.
    const Error *failure() const { return std::get_if<1>(&m_state); }
    // The error described for a message; empty on success.
    std::string errorText() const { return ok() ? std::string() : error().describe(); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    const Error *failure() const { return m_error ? &*m_error : nullptr; }
    std::string errorText() const { return ok() ? std::string() : error().describe(); }

private:
    std::optional<Error> m_error;
};

} // namespace pollscope
